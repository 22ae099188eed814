import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export function PageHeader({ title, extra, testId }: { title: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      {/* The page's one h1, at the size of antd's h3. */}
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24, lineHeight: 1.35 }} data-testid={testId}>
        {title}
      </Typography.Title>
      {extra}
    </Flex>
  );
}
