import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';

// antd-mobile 5 renders Toast and Dialog with the React 18 API; React 19 needs createRoot
// (https://mobile.ant.design/guide/v5-for-19).
unstableSetRender((node, container) => {
  const el = container as (Element | DocumentFragment) & { _linliRoot?: Root };
  el._linliRoot ??= createRoot(el);
  const root = el._linliRoot;
  root.render(node);
  return async () => {
    await new Promise((r) => setTimeout(r, 0));
    root.unmount();
    delete el._linliRoot;
  };
});
