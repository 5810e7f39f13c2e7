/**
 * The body's CSS, added after the loader's (shell.ts: host, root, launcher). It lives in the shadow
 * root, so nothing leaks out and the page's rules do not leak in.
 */
export const css = `
.sr-only {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
input, textarea { font: inherit; color: inherit; }

.dot {
  position: absolute; top: 4px; right: 6px; width: 10px; height: 10px;
  border-radius: 50%; background: #e0412f; border: 2px solid #fff;
}

.panel {
  display: flex; flex-direction: column;
  width: min(360px, calc(100vw - 32px)); height: min(540px, calc(100vh - 100px));
  margin-bottom: 12px; background: #fff; border: 1px solid var(--line); border-radius: 14px;
  box-shadow: 0 12px 40px rgba(20, 30, 60, .28); overflow: hidden;
}
header {
  position: relative; padding: 14px 44px 12px 16px; background: var(--accent); color: #fff;
}
h2 { margin: 0; font-size: 16px; }
header p { margin: 2px 0 0; font-size: 13px; opacity: .9; }
.close {
  position: absolute; top: 8px; right: 8px; width: 32px; height: 32px;
  border: 0; border-radius: 8px; background: transparent; color: #fff; font-size: 22px; line-height: 1;
}
.close:hover { background: rgba(255, 255, 255, .18); }
/* Lucide icons (utils/svg-icon.ts): stroked, sized by the text around them. */
svg.icon { width: 1.15em; height: 1.15em; vertical-align: -0.2em; flex: none; }
.close { display: grid; place-items: center; }
.close svg.icon { width: 20px; height: 20px; }

.notice { margin: 0; padding: 6px 12px; background: #fff4d6; color: #5c4300; font-size: 13px; text-align: center; }
.queue { margin: 0; padding: 6px 12px; background: #e8eefc; color: #1d3f98; font-size: 13px; text-align: center; border-top: 1px solid var(--line); }
/* Empty live regions stay in the tree (so new text is announced) but take no room. */
.notice:empty, .queue:empty { padding: 0; border: 0; }

.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f6f7fb; }
.empty { margin: auto; color: #5b6275; text-align: center; }
.msg { max-width: 82%; padding: 8px 11px; border-radius: 12px; background: #fff; border: 1px solid var(--line); }
.msg .who { display: block; font-size: 12px; font-weight: 600; color: #4a5166; }
.msg .text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg .state { display: block; font-size: 12px; color: #5b6275; font-style: italic; }
.msg.visitor { align-self: flex-end; background: var(--accent); border-color: var(--accent); color: #fff; }
.msg.visitor .who, .msg.visitor .state { color: #e3e9fb; }
.msg.visitor.pending { opacity: .75; }
.msg.rep { align-self: flex-start; }
.msg.system.bot { align-self: flex-start; background: #eef6ee; border: 1px solid #b9d7bb; color: inherit; font-size: 14px; text-align: left; }
.bot-choices { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px; background: #f6f7fb; }
.bot-choices button {
  padding: 6px 12px; border: 1px solid var(--accent); border-radius: 999px; background: #fff; color: var(--accent-dark); font-weight: 600;
}
.bot-choices button:hover { background: #e8eefc; }
.bot-choices button:disabled { opacity: .55; cursor: default; }
.msg.system { align-self: center; background: transparent; border: 0; color: #5b6275; font-size: 13px; text-align: center; }

.email { padding: 8px 12px 0; border-top: 1px solid var(--line); }
.email .fields[hidden], .email .change[hidden] { display: none; }
.email .saved-row { display: flex; align-items: baseline; gap: 8px; }
.email .saved-row .hint { flex: 1; }
.email label { display: block; font-size: 12px; font-weight: 600; color: #4a5166; }
.row { display: flex; gap: 6px; margin-top: 3px; }
.email input {
  flex: 1; min-width: 0; padding: 5px 8px; border: 1px solid #9aa2b8; border-radius: 8px; background: #fff;
}
.email button, .composer button, .offline button {
  border: 0; border-radius: 8px; background: var(--accent); color: #fff; font-weight: 600;
}
.email button { padding: 5px 10px; font-size: 13px; }
.email button:hover, .composer button:hover, .offline button:hover { background: var(--accent-dark); }
.hint { margin: 3px 0 0; font-size: 12px; color: #5b6275; }
.email button.change, .email button.change:hover { background: transparent; color: var(--accent-dark); padding: 2px 0; font-weight: 600; text-decoration: underline; }

.input { display: contents; }
.offline { display: flex; flex-direction: column; gap: 3px; padding: 10px 12px 12px; border-top: 1px solid var(--line); }
.offline .intro { margin: 0 0 4px; font-size: 13px; }
.offline label { font-size: 12px; font-weight: 600; color: #4a5166; }
.offline input, .offline textarea {
  padding: 6px 8px; border: 1px solid #9aa2b8; border-radius: 8px; background: #fff; resize: none;
}
.offline button { align-self: flex-end; margin-top: 6px; padding: 8px 14px; }
.offline .error { padding: 4px 0 0; }
[aria-invalid="true"] { border-color: #b3261e !important; }
.thanks { margin: 0; padding: 12px; border-top: 1px solid var(--line); color: #1f6b35; font-weight: 600; text-align: center; }

.composer { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px 12px; }
.composer textarea {
  flex: 1; min-width: 0; resize: none; padding: 8px 10px; max-height: 120px;
  border: 1px solid #9aa2b8; border-radius: 10px; background: #fff;
}
.composer button { padding: 9px 16px; }
.error { margin: 0; padding: 0 12px 10px; color: #b3261e; font-size: 13px; }
.error:empty { display: none; }
@media (prefers-reduced-motion: no-preference) { .panel { animation: pop .16s ease-out; } }
@keyframes pop { from { transform: translateY(8px); opacity: 0; } to { transform: none; opacity: 1; } }
.typing, .file-line { margin: 0; padding: 0 12px 6px; font-size: 12px; color: #5b6275; font-style: italic; }
.typing:empty, .file-line:empty { display: none; }
.composer.dragging { outline: 2px dashed var(--accent); outline-offset: -4px; }
.composer .attach { padding: 9px 10px; background: transparent; color: inherit; border: 1px solid var(--line); }
.composer .attach:hover { background: #eef1f8; }
.msg .product-card { display: grid; gap: 4px; }
.msg .product-image { display: block; max-width: 100%; max-height: 160px; border-radius: 6px; }
.msg .product-name { font-weight: 600; overflow-wrap: anywhere; }
.msg .product-price { margin: 0; }
.msg .product-link { color: inherit; text-decoration: underline; }
.msg .file-name { overflow-wrap: anywhere; font-weight: 600; }
.msg .file-image { display: block; max-width: 100%; max-height: 180px; margin-top: 6px; border-radius: 6px; }
.msg .file-download { margin-top: 6px; padding: 4px 10px; border-radius: 8px; border: 1px solid var(--line); background: #fff; color: #1d2130; font: inherit; font-size: 13px; cursor: pointer; }
`;
