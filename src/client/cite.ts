// "Citeer": today's date and the page's full URL in the citation, and a copy button.
import { formatDateLong } from '../lib/format';

for (const block of document.querySelectorAll<HTMLElement>('[data-citation]')) {
  const date = block.querySelector('[data-cite-date]');
  const url = block.querySelector('[data-cite-url]');
  if (date) date.textContent = formatDateLong(new Date());
  if (url) url.textContent = location.href;
  block.querySelector('[data-cite-copy]')?.addEventListener('click', async () => {
    if (url) url.textContent = location.href; // a year choice may have changed the URL
    const text = block.querySelector('[data-citation-text]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const status = block.querySelector('[data-cite-status]');
    try {
      await navigator.clipboard.writeText(text);
      if (status) status.textContent = 'Gekopieerd.';
    } catch {
      // No clipboard (permissions): select the text so Ctrl+C works.
      const range = document.createRange();
      range.selectNodeContents(block.querySelector('[data-citation-text]')!);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      if (status) status.textContent = 'Geselecteerd: kopieer met Ctrl+C.';
    }
  });
}
