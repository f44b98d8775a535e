/**
 * The public pages as plain server-rendered HTML: no login, no script, no third-party resource, one small inline
 * style that reads on a phone — fast on any connection. Every value is escaped; the announcement's body is the HTML
 * frozen when it was published.
 */

/** Text made safe for HTML. */
export const esc = (s: string | null | undefined): string =>
  (s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** 2021-07-06 → 2021年7月6日 */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y ?? ''}年${m ?? ''}月${d ?? ''}日`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f5f5f5;line-height:1.7}
header{background:#a8071a;color:#fff;padding:12px 16px}
header a{color:#fff;text-decoration:none;font-size:18px;font-weight:600}
main{max-width:860px;margin:0 auto;padding:16px}
.card{background:#fff;border-radius:6px;padding:16px;margin-bottom:12px;overflow-wrap:anywhere}
.muted{color:#666;font-size:14px}
h1{font-size:22px;line-height:1.4;margin:0 0 8px}
h2{font-size:18px;margin:0 0 8px}
ul.list{list-style:none;margin:0;padding:0}
ul.list li{padding:10px 0;border-bottom:1px solid #eee}
ul.list a{color:#0958d9;text-decoration:none;font-size:16px}
form.search{display:flex;gap:8px;flex-wrap:wrap}
input[type=search]{flex:1 1 200px;padding:8px;font-size:16px;border:1px solid #ccc;border-radius:4px}
button,.button{padding:8px 16px;font-size:16px;border:0;border-radius:4px;background:#a8071a;color:#fff;text-decoration:none;display:inline-block}
.doc{font-family:"Noto Serif CJK SC","FangSong",serif;font-size:17px}
.doc h1{text-align:center;font-weight:normal;font-size:22px}
.doc p{text-indent:2em;margin:0 0 .4em}
.doc .h1,.doc .h2{font-size:17px;margin:.6em 0 .3em}
.doc table{border-collapse:collapse;width:100%;font-size:14px;display:block;overflow-x:auto}
.doc td,.doc th{border:1px solid #999;padding:4px}
.doc .signature{text-align:right;margin-top:1em}
nav.pages{display:flex;gap:12px;align-items:center}
.withdrawn{font-size:20px;color:#a8071a}
form.opinion label{display:block;margin:8px 0}
form.opinion textarea,form.opinion input[type=text],form.opinion select{display:block;width:100%;padding:8px;font-size:16px;border:1px solid #ccc;border-radius:4px;margin-top:4px}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.code{font-size:28px;letter-spacing:2px;font-family:monospace;color:#a8071a}
`;

/** The frame of every public page. */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header><a href="/public">整改情况公开</a></header><main>${body}</main></body></html>`;
}

/** One announcement in a list. */
export type TPublicListItem = {
  id: number;
  unitId: number;
  unitName: string;
  title: string;
  round: string | null;
  publishedAt: string;
};

const itemLine = (a: TPublicListItem) =>
  `<li><a href="/public/announcements/${a.id}">${esc(a.title)}</a>
<div class="muted"><a href="/public/units/${a.unitId}">${esc(a.unitName)}</a>${a.round ? ` · ${esc(a.round)}` : ''} · ${chineseDate(a.publishedAt)}</div></li>`;

/** The list: search by words, newest first, one page. */
export function listPage(p: {
  items: TPublicListItem[];
  total: number;
  page: number;
  pageSize: number;
  q: string;
  /** What follows the list (the look-up form). */
  extra?: string;
}): string {
  const last = Math.max(1, Math.ceil(p.total / p.pageSize));
  const link = (page: number) =>
    `/public?${new URLSearchParams({ ...(p.q ? { q: p.q } : {}), page: String(page) })}`;
  return layout(
    '整改情况公开',
    `<div class="card"><h1>巡察整改情况通报</h1>
<form class="search" method="get" action="/public"><input type="search" name="q" value="${esc(p.q)}" placeholder="单位、巡察轮次、标题" aria-label="搜索"><button type="submit">搜索</button></form></div>
<div class="card"><div class="muted">共 ${p.total} 篇</div>
${p.items.length === 0 ? '<p>没有找到通报。</p>' : `<ul class="list">${p.items.map(itemLine).join('\n')}</ul>`}
${last > 1 ? `<nav class="pages">${p.page > 1 ? `<a href="${link(p.page - 1)}">上一页</a>` : ''}<span class="muted">第 ${p.page}/${last} 页</span>${p.page < last ? `<a href="${link(p.page + 1)}">下一页</a>` : ''}</nav>` : ''}</div>
${p.extra ?? ''}`,
  );
}

/** The body of a frozen document (what lies between its body tags). */
function bodyOf(html: string): string {
  const m = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return m?.[1] ?? '';
}

/** An announcement as published, or the notice that it was withdrawn. */
export function announcementPage(a: {
  id: number;
  unitId: number;
  unitName: string;
  title: string;
  round: string | null;
  publishedAt: string;
  html: string;
  hasDocx: boolean;
  hasPdf: boolean;
  withdrawnAt: string | null;
  /** The newer version of the same inspection's announcement, if this one was replaced. */
  replacedBy: number | null;
  /** What follows the text (the opinion form). */
  extra?: string;
}): string {
  if (a.withdrawnAt !== null)
    return layout(
      '已撤回',
      `<div class="card"><p class="withdrawn">已撤回</p><p>该通报（${esc(a.title)}）已于 ${chineseDate(a.withdrawnAt)} 撤回。</p>
<p><a href="/public/units/${a.unitId}">${esc(a.unitName)}的其他通报</a> · <a href="/public">全部通报</a></p></div>`,
    );
  return layout(
    a.title,
    `<div class="card muted"><a href="/public/units/${a.unitId}">${esc(a.unitName)}</a>${a.round ? ` · ${esc(a.round)}` : ''} · 发布于 ${chineseDate(a.publishedAt)}
${a.hasDocx ? ` · <a href="/public/announcements/${a.id}/docx">下载 Word 文档</a>` : ''}${a.hasPdf ? ` · <a href="/public/announcements/${a.id}/pdf">PDF</a>` : ''}</div>
${a.replacedBy === null ? '' : `<div class="card">本通报已发布新版本：<a href="/public/announcements/${a.replacedBy}">查看最新版本</a></div>`}
<article class="card doc">${bodyOf(a.html)}</article>
${a.extra ?? ''}`,
  );
}

/** A unit's page: its public contact, and its announcements. */
export function unitPage(u: {
  id: number;
  name: string;
  partyOrgName: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
  items: TPublicListItem[];
  /** What follows the list (the opinion form). */
  extra?: string;
}): string {
  const line = (label: string, v: string | null) => (v ? `<div>${label}：${esc(v)}</div>` : '');
  return layout(
    u.name,
    `<div class="card"><h1>${esc(u.partyOrgName ?? u.name)}</h1>
<h2>监督联系方式</h2>${line('联系电话', u.phone)}${line('通信地址', u.address)}${line('电子邮箱', u.email)}
${u.phone || u.address || u.email ? '' : '<div class="muted">暂未公布联系方式</div>'}
<p><img src="/public/units/${u.id}/qr.svg" alt="本页二维码" width="160" height="160"><br>
<a href="/public/units/${u.id}/qr.svg" download="unit-${u.id}-qr.svg">下载本页二维码（用于张贴）</a></p></div>
<div class="card"><h2>整改情况通报</h2>${u.items.length === 0 ? '<p>暂无。</p>' : `<ul class="list">${u.items.map(itemLine).join('\n')}</ul>`}</div>
${u.extra ?? ''}`,
  );
}

/** Nothing here. */
export function notFoundPage(): string {
  return layout(
    '未找到',
    '<div class="card"><p>未找到该页面。</p><p><a href="/public">全部通报</a></p></div>',
  );
}
