// Follows a training job on the overview: polls its status every 2 s and reloads the page when it has finished.
(function () {
    function init() {
        var box = document.querySelector('[data-follow-job]');
        if (!box) return;
        var id = box.getAttribute('data-follow-job');
        var text = box.querySelector('.job-text');
        function poll() {
            fetch('/overview?handler=Job&id=' + encodeURIComponent(id), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (s) {
                    if (!s) return;
                    text.textContent = s.text;
                    if (s.finished) window.location.reload();
                    else window.setTimeout(poll, 2000);
                })
                .catch(function () { window.setTimeout(poll, 5000); });
        }
        window.setTimeout(poll, 2000);
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
