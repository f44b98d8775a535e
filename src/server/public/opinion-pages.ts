/**
 * The opinion form (监督意见) on announcement and unit pages, and the receipt page a 查询码 opens. Plain HTML forms
 * that work without script; the form carries the time it was shown, signed by the server (for the minimum fill time,
 * and to turn away forms posted from other sites), and a field people never see (a trap for scripts).
 */
import { OPINION_MAX_CHARS, type TOpinionReceipt } from '@shared/opinions.ts';
import { chineseDate, esc, layout } from './pages.ts';

/** What the form was filled with, to show again after a refusal. */
export type TOpinionDraft = { content: string; name: string; contact: string; problemId: number | null };

/** The form; `target` says what it is about; `error` and `draft` come back after a refusal. */
export function opinionForm(p: {
  target: { announcementId: number } | { unitId: number };
  problems: Array<{ id: number; number: string; title: string }>;
  /** The signed token of the time it is shown (form-token.ts). */
  token: string;
  error?: string;
  draft?: TOpinionDraft;
}): string {
  const d = p.draft ?? { content: '', name: '', contact: '', problemId: null };
  const hidden =
    'announcementId' in p.target
      ? `<input type="hidden" name="announcementId" value="${p.target.announcementId}">`
      : `<input type="hidden" name="unitId" value="${p.target.unitId}">`;
  const options = p.problems
    .map(
      (x) =>
        `<option value="${x.id}"${d.problemId === x.id ? ' selected' : ''}>${esc(`${x.number}. ${x.title}`)}</option>`,
    )
    .join('');
  return `<div class="card" id="opinion"><h2>监督意见</h2>
<p class="muted">欢迎对整改落实情况提出意见建议。可以匿名；留下联系方式便于我们联系您，联系方式不会公开。提交后将得到查询码，凭码查询办理情况和答复。</p>
${p.error ? `<p class="withdrawn" role="alert">${esc(p.error)}</p>` : ''}
<form method="post" action="/public/opinions" class="opinion">${hidden}
<input type="hidden" name="token" value="${esc(p.token)}">
<div class="trap" aria-hidden="true"><label>网址<input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
${options ? `<label>涉及的问题（可选）<select name="problemId"><option value="">不指定</option>${options}</select></label>` : ''}
<label>意见内容（必填）<textarea name="content" required minlength="5" maxlength="${OPINION_MAX_CHARS}" rows="6">${esc(d.content)}</textarea></label>
<label>姓名（可选）<input type="text" name="name" maxlength="40" value="${esc(d.name)}"></label>
<label>联系方式（可选，不公开）<input type="text" name="contact" maxlength="100" value="${esc(d.contact)}"></label>
<button type="submit">提交</button></form></div>`;
}

/** The receipt: the code (new or looked up), status and published answer — never who wrote it. */
export function receiptPage(r: TOpinionReceipt, isNew: boolean): string {
  return layout(
    `查询码 ${r.code}`,
    `<div class="card">${isNew ? '<h1>提交成功</h1><p>请记下您的查询码，凭此查询办理情况和答复：</p>' : '<h1>办理情况</h1>'}
<p>查询码：<span class="code" data-code="${esc(r.code)}">${esc(r.code)}</span></p>
<div>受理单位：${esc(r.unitName)}</div>
<div>收到时间：${chineseDate(r.receivedAt)}</div>
${r.problemTitle ? `<div>涉及问题：${esc(r.problemTitle)}</div>` : ''}
<div>办理状态：<strong>${esc(r.statusLabel)}</strong></div></div>
${r.answer ? `<div class="card"><h2>答复（${chineseDate(r.answeredAt ?? r.receivedAt)}）</h2><p>${esc(r.answer)}</p></div>` : ''}
<div class="card"><a href="/public">返回公开页面</a></div>`,
  );
}

/** The look-up form on the list page. */
export function lookupForm(): string {
  return `<div class="card"><h2>查询意见办理情况</h2><form class="search" method="get" action="/public/opinions">
<input type="search" name="code" placeholder="输入查询码，如 K7M2Q-9XWT4" aria-label="查询码"><button type="submit">查询</button></form></div>`;
}
