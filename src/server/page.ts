// The review page: one self-contained HTML document (inline style and script carrying the response's
// CSP nonce, no external assets). The contract text and findings arrive as JSON from /api/state and
// are put into the page with textContent only, never as HTML.

export function reviewPage(nonce: string, title: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review — ${esc(title)}</title>
<style nonce="${nonce}">
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,sans-serif;color:#222;display:grid;grid-template-columns:minmax(0,1fr) 27rem;height:100vh}
header{grid-column:1/3;padding:.5rem 1rem;border-bottom:1px solid #ddd;background:#f7f7f7}
header h1{font-size:16px;margin:0}
#text{overflow:auto;padding:1rem 1.5rem;white-space:pre-wrap;font:13px/1.6 ui-monospace,monospace;height:calc(100vh - 2.6rem)}
aside{overflow:auto;border-left:1px solid #ddd;height:calc(100vh - 2.6rem)}
aside ul{list-style:none;margin:0;padding:0}
li.req{border-bottom:1px solid #eee;padding:.4rem .7rem}
li.req.selected{background:#eef4ff}
li.req button.pick{all:unset;cursor:pointer;display:block;width:100%}
.id{font-weight:600}.title{display:block;color:#444;font-size:13px}
.status{display:inline-block;min-width:4.8rem;padding:0 .3rem;border-radius:3px;font-size:12px;text-align:center;margin-right:.3rem}
.met{background:#d9f5dd}.partial{background:#fff1c2}.missing{background:#fbdada}.conflict{background:#e9d0f5}
.sev{font-size:12px;color:#666;margin-left:.3rem}
.decision{font-size:12px;color:#225;display:block}.decision.stale{color:#a60}
.details{display:none;margin-top:.4rem}li.req.selected .details{display:block}
.details pre{white-space:pre-wrap;font-size:12px;background:#fafafa;border:1px solid #eee;padding:.4rem;max-height:12rem;overflow:auto}
.details label{display:block;font-size:12px;margin-top:.3rem}
.details input,.details select{width:100%;font:inherit}
.details .actions{margin-top:.4rem;display:flex;gap:.3rem}
.error{color:#a11;font-size:12px}
mark.ev{background:#fff3a8;color:inherit;cursor:pointer}
mark.ev.active{background:#ffb347;outline:2px solid #e07b00}
</style></head><body>
<header><h1 id="doc">Review</h1></header>
<main id="text" aria-label="contract text"></main>
<aside><ul id="reqs" aria-label="requirements"></ul></aside>
<script nonce="${nonce}">
'use strict';
const token = new URLSearchParams(location.search).get('token') || '';
const api = (path) => path + (path.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
let state = null;
let selected = null;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const k of kids) if (k) e.append(k);
  return e;
}

function renderText() {
  const text = state.text;
  const cuts = new Set([0, text.length]);
  const spans = [];
  for (const r of state.requirements) for (const e of r.evidence) {
    if (e.end > e.start) { cuts.add(e.start); cuts.add(e.end); spans.push([e.start, e.end, r.id]); }
  }
  const pts = [...cuts].sort((a, b) => a - b);
  const box = document.getElementById('text');
  box.replaceChildren();
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    const ids = [...new Set(spans.filter((s) => s[0] <= a && s[1] >= b).map((s) => s[2]))];
    const piece = text.slice(a, b);
    if (ids.length === 0) { box.append(document.createTextNode(piece)); continue; }
    const m = el('mark', { class: 'ev', 'data-reqs': ids.join(' '), title: ids.join(', '), text: piece });
    m.addEventListener('click', () => select(ids[0], false));
    box.append(m);
  }
}

function decisionText(d) {
  const what = d.action === 'accept' ? 'accepted' : 'overridden to ' + d.status;
  const line = what + ' by ' + d.by + ' on ' + d.at.slice(0, 10) + ': ' + d.reason;
  return d.stale ? 'stale — review again (the cited text changed; was ' + line + ')' : line;
}

function renderList() {
  const ul = document.getElementById('reqs');
  ul.replaceChildren();
  for (const r of state.requirements) {
    const li = el('li', { class: 'req' + (r.id === selected ? ' selected' : ''), 'data-id': r.id });
    const pick = el('button', { class: 'pick', type: 'button' },
      el('span', { class: 'status ' + r.status, text: r.status }),
      el('span', { class: 'id', text: r.id }),
      el('span', { class: 'sev', text: r.severity === 'none' ? '' : r.severity }),
      el('span', { class: 'title', text: r.title }));
    pick.addEventListener('click', () => select(r.id, true));
    li.append(pick);
    if (r.decision) li.append(el('span', { class: 'decision' + (r.decision.stale ? ' stale' : ''), text: decisionText(r.decision) }));
    const details = el('div', { class: 'details' });
    for (const e of r.evidence) details.append(el('pre', { text: 'p.' + e.page + ' §' + e.section + '  ' + e.quote }));
    if (r.notes.length) details.append(el('div', { class: 'title', text: r.notes.join(' · ') }));
    if (r.suggestion) details.append(el('label', { text: 'Suggested clause' }), el('pre', { class: 'suggestion', text: r.suggestion }));
    const status = el('select', { name: 'status' });
    for (const s of ['met', 'partial', 'missing', 'conflict']) status.append(el('option', { value: s, text: s }));
    const reason = el('input', { name: 'reason', type: 'text', placeholder: 'why' });
    const by = el('input', { name: 'by', type: 'text', placeholder: 'your name', value: localStorage.getItem('cc-by') || '' });
    const err = el('div', { class: 'error', role: 'alert' });
    const act = (action) => el('button', { type: 'button', 'data-action': action, text: action });
    const actions = el('div', { class: 'actions' }, act('accept'), act('override'), act('reopen'));
    actions.addEventListener('click', (ev) => {
      const action = ev.target && ev.target.getAttribute && ev.target.getAttribute('data-action');
      if (action) decide(r.id, action, status.value, reason.value, by.value, err);
    });
    details.append(el('label', { text: 'Override to' }, status), el('label', { text: 'Reason' }, reason), el('label', { text: 'By' }, by), actions, err);
    li.append(details);
    ul.append(li);
  }
}

function select(id, scroll) {
  selected = id;
  for (const li of document.querySelectorAll('li.req')) li.classList.toggle('selected', li.getAttribute('data-id') === id);
  let first = null;
  for (const m of document.querySelectorAll('mark.ev')) {
    const on = m.getAttribute('data-reqs').split(' ').includes(id);
    m.classList.toggle('active', on);
    if (on && !first) first = m;
  }
  if (scroll && first) first.scrollIntoView({ block: 'center' });
  if (!scroll) { const li = document.querySelector('li.req.selected'); if (li) li.scrollIntoView({ block: 'nearest' }); }
}

async function decide(id, action, status, reason, by, err) {
  err.textContent = '';
  localStorage.setItem('cc-by', by);
  const body = { id, action, reason, by };
  if (action === 'override') body.status = status;
  const res = await fetch(api('/api/triage'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) { err.textContent = data.error || 'failed'; return; }
  state = data;
  renderList();
  select(id, false);
}

async function load() {
  const res = await fetch(api('/api/state'));
  state = await res.json();
  document.getElementById('doc').textContent = 'Review — ' + state.path;
  renderText();
  renderList();
}
load();
</script>
</body></html>
`;
}
