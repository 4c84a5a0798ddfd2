"""CSS and page JavaScript of the chat UI (passed to `launch(css=..., js=...)` in Gradio 6)."""

from __future__ import annotations

CSS = """
#warta-header h1 { margin: 0 0 .1em 0; font-size: 1.6em; }
#warta-header p { margin: 0; opacity: .8; }
#warta-lang { flex-grow: 0; }
#warta-header { align-self: center; }

/* Citation markers in answers */
a.warta-cite, .warta-cite {
  text-decoration: none; font-weight: 600; font-size: .85em; padding: 0 .15em; border-radius: 4px;
  color: var(--color-accent, #2563eb); cursor: pointer; white-space: nowrap;
}
a.warta-cite:hover { background: var(--color-accent-soft, #dbeafe); }
.warta-refused { font-weight: 600; }
/* Chat messages are Warta's own HTML (Markdown rendering is off): paragraphs and lists */
#warta-chat .message p { margin: 0 0 .5em 0; }
#warta-chat .message p:last-child { margin-bottom: 0; }
#warta-chat .message ul { margin: .2em 0 .5em 1.2em; padding: 0; list-style: disc; }

/* Status line */
#warta-status { min-height: 1.6em; }
.warta-status { font-size: .92em; opacity: .85; display: flex; align-items: center; gap: .5em; }
.warta-status.busy::before {
  content: ""; width: .8em; height: .8em; border-radius: 50%;
  border: 2px solid currentColor; border-right-color: transparent; animation: warta-spin .8s linear infinite;
}
.warta-status.refused { color: #b45309; font-weight: 600; }
.warta-status.error { color: #b91c1c; font-weight: 600; }
@keyframes warta-spin { to { transform: rotate(360deg); } }

/* Sources panel */
#warta-sources { max-height: 78vh; overflow-y: auto; scroll-behavior: smooth; }
.warta-sources-head { font-weight: 700; font-size: 1.1em; margin: 0 0 .2em 0; }
.warta-sources-note { font-size: .88em; opacity: .75; margin: 0 0 .6em 0; }
.warta-sources.refused .warta-sources-head { color: #b45309; }
.warta-cards { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .6em; }
.warta-card {
  border: 1px solid var(--border-color-primary, #e5e7eb); border-radius: 10px; padding: .6em .75em;
  background: var(--background-fill-secondary, #f9fafb); scroll-margin: .5em;
  transition: box-shadow .3s, border-color .3s;
}
.warta-card-top { display: flex; gap: .55em; align-items: baseline; }
.warta-card-n {
  flex: none; min-width: 1.6em; height: 1.6em; line-height: 1.6em; text-align: center; border-radius: 50%;
  background: var(--color-accent, #2563eb); color: white; font-weight: 700; font-size: .85em;
}
.warta-card-title { font-weight: 650; line-height: 1.3; }
.warta-card-meta { font-size: .82em; opacity: .75; margin: .2em 0 .35em 0; }
.warta-card-meta code { font-size: .95em; }
.warta-flags { display: flex; flex-wrap: wrap; gap: .3em; margin: 0 0 .35em 0; }
.warta-flag {
  font-size: .75em; font-weight: 600; padding: .05em .5em; border-radius: 999px;
  background: #fef3c7; color: #92400e; border: 1px solid #fcd34d;
}
.warta-copies { font-size: .8em; opacity: .8; margin: 0 0 .35em 0; }
.warta-copies ul { margin: .1em 0 0 1.1em; padding: 0; list-style: disc; }
.warta-card-quote {
  margin: 0 !important; padding: .1em 0 .1em .7em; border-left: 3px solid var(--border-color-primary, #d1d5db);
  font-size: .9em; line-height: 1.45;
}
.warta-card-quote mark { background: #fde68a; color: inherit; padding: 0 .1em; border-radius: 3px; }
.warta-card.warta-flash { border-color: var(--color-accent, #2563eb); box-shadow: 0 0 0 3px #93c5fd; }
.warta-empty { opacity: .7; font-size: .92em; }

#warta-examples button { font-size: .85em; }
"""

# Runs once when the page loads. Clicking a citation marker [n] in an answer brings source card n into view
# and flashes it. One capturing listener on the document: chat messages are re-rendered while streaming,
# so handlers attached to the links themselves would be lost.
JS = """
() => {
  document.addEventListener('click', (event) => {
    const link = event.target && event.target.closest ? event.target.closest('a[href^="#src-"]') : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const card = document.getElementById(link.getAttribute('href').slice(1));
    if (!card) return;
    card.scrollIntoView({behavior: 'smooth', block: 'nearest'});
    card.classList.remove('warta-flash');
    void card.offsetWidth;
    card.classList.add('warta-flash');
    setTimeout(() => card.classList.remove('warta-flash'), 1600);
  }, true);
}
"""
