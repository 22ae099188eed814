/**
 * The map's Apache ECharts charts. This module (and ECharts with it) is loaded lazily by MapPage, so
 * other pages do not carry the chart code. Only the chart types and components used here are registered.
 */
import { BarChart, GraphChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { MapNetwork, MapSummary } from './api';

echarts.use([BarChart, LineChart, GraphChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Option = Record<string, unknown>;

/** A small ref-based ECharts wrapper: one instance per element, resized with it, disposed on unmount. */
function Chart({ option, height = 320, testId }: { option: Option; height?: number; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);
  return <div ref={ref} data-testid={testId} style={{ height, width: '100%' }} />;
}

/** Applications and projects by field or by chain (stacked bars). */
export function FieldChainChart({ summary, by }: { summary: MapSummary; by: 'field' | 'chain' }) {
  const { t, lang } = useI18n();
  const option = useMemo<Option>(() => {
    const rows = by === 'field' ? summary.byField : summary.byChain;
    const label = (r: { code: string; nameZh: string; nameEn: string }) => `${r.code} ${lang === 'zh' ? r.nameZh : r.nameEn}`;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: [t('map.applications'), t('map.projects')] },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map(label), inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
      series: [
        { name: t('map.applications'), type: 'bar', stack: 'n', data: rows.map((r) => r.applications) },
        { name: t('map.projects'), type: 'bar', stack: 'n', data: rows.map((r) => r.projects) },
      ],
    };
  }, [summary, by, t, lang]);
  return (
    <Chart
      option={option}
      height={Math.max(260, 26 * (by === 'field' ? summary.byField : summary.byChain).length + 60)}
      testId="map-chart-field"
    />
  );
}

/** Leads and participations by region (Guangzhou districts, provinces elsewhere). */
export function RegionChart({ summary }: { summary: MapSummary }) {
  const { t, lang } = useI18n();
  const option = useMemo<Option>(() => {
    const rows = summary.byRegion.slice(0, 20);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: [t('map.leads'), t('map.participations')] },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => (lang === 'zh' ? r.labelZh : r.labelEn)),
        axisLabel: { width: 170, overflow: 'truncate' },
      },
      series: [
        {
          name: t('map.leads'),
          type: 'bar',
          stack: 'n',
          data: rows.map((r) => ({ value: r.leads, itemStyle: r.isGuangzhou ? { color: '#cf1322' } : undefined })),
        },
        { name: t('map.participations'), type: 'bar', stack: 'n', data: rows.map((r) => r.participations) },
      ],
    };
  }, [summary, t, lang]);
  return <Chart option={option} height={Math.max(260, 24 * Math.min(20, summary.byRegion.length) + 60)} testId="map-chart-region" />;
}

/** Applications, approvals and projects by year. */
export function YearChart({ summary }: { summary: MapSummary }) {
  const { t } = useI18n();
  const option = useMemo<Option>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('map.applications'), t('map.approved'), t('map.projects')] },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: summary.byYear.map((y) => String(y.year)) },
      yAxis: { type: 'value' },
      series: [
        { name: t('map.applications'), type: 'line', data: summary.byYear.map((y) => y.applications) },
        { name: t('map.approved'), type: 'line', data: summary.byYear.map((y) => y.approved) },
        { name: t('map.projects'), type: 'line', data: summary.byYear.map((y) => y.projects) },
      ],
    }),
    [summary, t],
  );
  return <Chart option={option} testId="map-chart-year" />;
}

/** Force-directed collaboration graph: node size by records, edge width by shared records. */
export function NetworkChart({ network }: { network: MapNetwork }) {
  const { t } = useI18n();
  const option = useMemo<Option>(() => {
    const maxRecords = Math.max(1, ...network.nodes.map((n) => n.records));
    const maxWeight = Math.max(1, ...network.edges.map((e) => e.weight));
    const categories = [{ name: t('map.inGuangzhou') }, { name: t('map.outsideGuangzhou') }];
    return {
      tooltip: {},
      legend: { data: categories.map((c) => c.name) },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          categories,
          force: { repulsion: 120, edgeLength: [40, 160], gravity: 0.08 },
          label: { show: true, position: 'right', formatter: '{b}', fontSize: 10 },
          labelLayout: { hideOverlap: true },
          emphasis: { focus: 'adjacency' },
          data: network.nodes.map((n) => ({
            id: n.key,
            name: n.name,
            value: n.records,
            category: n.isGuangzhou ? 0 : 1,
            symbolSize: 8 + 28 * Math.sqrt(n.records / maxRecords),
          })),
          links: network.edges.map((e) => ({
            source: e.source,
            target: e.target,
            value: e.weight,
            lineStyle: { width: 0.5 + 5 * (e.weight / maxWeight), opacity: 0.6 },
          })),
        },
      ],
    };
  }, [network, t]);
  return <Chart option={option} height={520} testId="map-chart-network" />;
}
