/**
 * Keyboard users scroll a wide table with the arrow keys only if its scroll container can take focus,
 * and antd does not make it focusable (WCAG 2.1.1; axe's scrollable-region-focusable). This watches the
 * document and gives every table scroll container tabindex 0 as it appears.
 */
const SCROLLERS = '.ant-table-content, .ant-table-body';

function mark(root: ParentNode) {
  for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    if (!el.hasAttribute('tabindex')) el.tabIndex = 0;
  }
}

export function focusableScrollRegions(doc: Document = document): void {
  mark(doc);
  new MutationObserver(() => mark(doc)).observe(doc.body, { childList: true, subtree: true });
}
