// Progressive enhancement of /uploads. The page works without it: the server refuses a file over the limit with a
// readable message, and a <noscript> refresh follows a background import. With it, a file over the limit is refused
// before a byte is sent, and a background import is followed in place, the page reloaded once the job is done.
(function () {
    'use strict';

    var form = document.querySelector('form[data-max-bytes]');
    if (form) {
        var max = Number(form.getAttribute('data-max-bytes'));
        var input = form.querySelector('input[type=file]');
        var error = document.getElementById('upload-error');
        form.addEventListener('submit', function (event) {
            var file = input && input.files && input.files[0];
            if (!file || !(max > 0) || file.size <= max) return;
            event.preventDefault();
            error.textContent = form.getAttribute('data-too-large').replace('{name}', file.name);
            input.setAttribute('aria-invalid', 'true');
            input.focus();
        });
    }

    var pending = document.querySelector('[data-job-status]');
    if (pending) {
        var url = pending.getAttribute('data-job-status');
        var shown = pending.querySelector('.job-status');
        var poll = function () {
            fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' }, cache: 'no-store' })
                .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
                .then(function (job) {
                    if (job.finished) {
                        window.location.reload();
                        return;
                    }
                    if (shown && shown.textContent !== job.status) {
                        shown.textContent = job.status;
                        shown.className = 'job-status status-' + job.status;
                    }
                    window.setTimeout(poll, 1000);
                })
                .catch(function () { window.setTimeout(poll, 5000); });
        };
        window.setTimeout(poll, 1000);
    }
})();
