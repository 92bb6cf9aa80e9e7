/**
 * The grid peer: a plain, hand-written recycling DOM grid, what a careful developer writes without
 * a framework. A fixed pool of row elements is moved with transforms and their images' `src`
 * changed as rows scroll into view; nothing else happens per frame. It shows the same 256 px WebP
 * thumbnails from the host's media paths, at the same tile size and gap as Shoebox's grid, and,
 * with `decorated`, a cloud badge and three label chips per tile like Shoebox's. The bench serves
 * it on the host's origin (so media requests carry the host's cookie) and scrolls it exactly as it
 * scrolls Shoebox's grid.
 */
export function plainGridHtml(decorated: boolean): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>plain grid</title>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
  [role=grid] { height: 100vh; overflow-y: auto; padding: 4px; contain: strict;
    background: #f6f5f2; will-change: scroll-position; box-sizing: border-box; }
  .sizer { position: relative; width: 100%; }
  .row { position: absolute; top: 0; left: 0; display: flex; gap: 4px; }
  .tile { position: relative; background: #e7e4dd; border-radius: 3px; overflow: hidden;
    contain: strict; }
  .tile img { width: 100%; height: 100%; object-fit: cover; display: block; }
  .badge { position: absolute; top: 4px; right: 4px; padding: 2px; border-radius: 50%;
    background: rgb(0 0 0 / 0.55); color: #fff; display: inline-flex; }
  .chips { position: absolute; left: 4px; right: 4px; bottom: 4px; display: flex;
    flex-wrap: wrap; gap: 3px; max-height: 20px; overflow: hidden; margin: 0; padding: 0;
    list-style: none; }
  .chips li { font-size: 11px; line-height: 16px; padding: 1px 5px; border-radius: 4px;
    background: rgb(0 0 0 / 0.6); color: #fff; white-space: nowrap; }
</style></head>
<body><div role="grid"><div class="sizer"></div></div>
<script>
(async () => {
  const decorated = ${decorated ? 'true' : 'false'};
  const ids = await (await fetch('/__bench/ids.json')).json();
  const grid = document.querySelector('[role=grid]');
  const sizer = grid.firstElementChild;
  const gap = 4, minTile = 160, overscan = 4;
  const width = grid.clientWidth - 8;
  const columns = Math.max(1, Math.floor((width + gap) / (minTile + gap)));
  const tile = Math.floor((width - gap * (columns - 1)) / columns);
  const stride = tile + gap;
  const rowCount = Math.ceil(ids.length / columns);
  sizer.style.height = rowCount * stride + 'px';
  const poolSize = Math.ceil(grid.clientHeight / stride) + 2 * overscan + 1;
  const pool = [];
  for (let i = 0; i < poolSize; i++) {
    const row = document.createElement('div');
    row.className = 'row';
    row.style.height = tile + 'px';
    const cells = [];
    for (let c = 0; c < columns; c++) {
      const cell = document.createElement('div');
      cell.className = 'tile';
      cell.style.width = tile + 'px';
      cell.style.height = tile + 'px';
      const img = document.createElement('img');
      img.decoding = 'async';
      img.alt = '';
      cell.append(img);
      let chips = null;
      if (decorated) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.innerHTML = '<svg viewBox="0 0 24 24" width="16" height="16"><path d="M7 19h10.5a4.5 4.5 0 0 0 .6-8.96A6.5 6.5 0 0 0 5.6 9.3 4.9 4.9 0 0 0 7 19z" fill="none" stroke="currentColor" stroke-width="1.8"/></svg>';
        chips = document.createElement('ul');
        chips.className = 'chips';
        for (let k = 0; k < 3; k++) chips.append(document.createElement('li'));
        cell.append(badge, chips);
      }
      row.append(cell);
      cells.push({ cell, img, chips });
    }
    sizer.append(row);
    pool.push({ row, cells, index: -1 });
  }
  function place(slot, index) {
    slot.index = index;
    slot.row.style.transform = 'translateY(' + index * stride + 'px)';
    for (let c = 0; c < columns; c++) {
      const n = index * columns + c;
      const { cell, img, chips } = slot.cells[c];
      if (n >= ids.length || index < 0) { cell.style.visibility = 'hidden'; continue; }
      cell.style.visibility = '';
      img.src = '/media/thumb/' + ids[n];
      if (chips) {
        const items = chips.children;
        for (let k = 0; k < 3; k++) items[k].textContent = 'Label ' + ((n + k) % 48) + ' 9' + k + '%';
      }
    }
  }
  function update() {
    const first = Math.max(0, Math.floor(grid.scrollTop / stride) - overscan);
    for (let r = first; r < first + poolSize; r++) {
      const slot = pool[r % poolSize];
      if (slot.index !== r) place(slot, r < rowCount ? r : -1);
    }
  }
  grid.addEventListener('scroll', update, { passive: true });
  update();
  document.body.dataset.ready = 'true';
})();
</script></body></html>`;
}
