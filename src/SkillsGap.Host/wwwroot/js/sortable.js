// Sortable tables: a header cell with class "sortable" becomes a button; rows sort by the cells' data-sort (numbers)
// or their text. aria-sort says the order to screen readers.
(function () {
    function key(row, index) {
        var cell = row.children[index];
        if (!cell) return '';
        var v = cell.getAttribute('data-sort');
        if (v !== null && v !== '' && !isNaN(+v)) return +v;
        return (v !== null ? v : cell.textContent).trim().toLowerCase();
    }
    function init() {
        document.querySelectorAll('table.sortable-table').forEach(function (table) {
            var heads = table.querySelectorAll('thead th');
            heads.forEach(function (th, index) {
                if (!th.classList.contains('sortable')) return;
                var button = document.createElement('button');
                button.type = 'button';
                button.textContent = th.textContent;
                th.textContent = '';
                th.appendChild(button);
                button.addEventListener('click', function () {
                    var ascending = th.getAttribute('aria-sort') !== 'ascending';
                    heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
                    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                    var body = table.tBodies[0];
                    var rows = Array.prototype.slice.call(body.rows);
                    rows.sort(function (a, b) {
                        var x = key(a, index), y = key(b, index);
                        var c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
                        return ascending ? c : -c;
                    });
                    rows.forEach(function (r) { body.appendChild(r); });
                });
            });
        });
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
