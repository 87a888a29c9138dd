import { chromium } from 'playwright-core';
const [user, path, out, w = '1400', h = '1800'] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const ctx = await b.newContext({ viewport: { width: Number(w), height: Number(h) }, locale: 'zh-CN' });
const p = await ctx.newPage();
if (user !== 'anon') {
  await p.goto('http://localhost:3311/login');
  await p.getByLabel(/用户名|账号/).first().fill(user);
  await p.getByLabel(/密码/).first().fill('Linli@2026');
  await p.keyboard.press('Enter');
  await p.waitForTimeout(2500);
}
await p.goto('http://localhost:3311' + path);
await p.waitForTimeout(5000);
await p.screenshot({ path: out, fullPage: true });
await b.close();
