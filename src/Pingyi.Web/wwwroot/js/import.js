// Sends the import form in the background so the page can show upload and processing progress,
// then shows the server-rendered report. Without JavaScript the form posts normally.
(function () {
    const form = document.getElementById('import-form');
    if (!form) return;
    const box = document.getElementById('import-progress');
    const bar = box.querySelector('.progress-bar');
    const text = document.getElementById('import-progress-text');
    const slot = document.getElementById('report-slot');
    const zh = document.documentElement.lang !== 'en';

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        const id = Date.now().toString(36) + Math.random().toString(36).slice(2);
        document.getElementById('progressId').value = id;
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        box.classList.remove('d-none');
        bar.style.width = '0%';
        text.textContent = zh ? '正在上传…' : 'Uploading…';
        let polling = null;
        let finished = false;

        const xhr = new XMLHttpRequest();
        xhr.open('POST', window.location.pathname);
        xhr.setRequestHeader('X-Partial', '1');
        xhr.upload.onprogress = function (e) {
            if (e.lengthComputable) {
                const pct = Math.round(e.loaded * 100 / e.total);
                bar.style.width = (pct / 2) + '%';
                text.textContent = (zh ? '正在上传 ' : 'Uploading ') + pct + '%';
            }
        };
        xhr.upload.onload = function () {
            text.textContent = zh ? '正在校验和写入…' : 'Checking and writing…';
            polling = setInterval(function () {
                fetch('/api/v1/imports/progress/' + id, { credentials: 'same-origin' })
                    .then(r => r.ok ? r.json() : null)
                    .then(p => {
                        if (!p || finished) return;
                        const expected = p.expectedRows;
                        const pct = expected ? Math.min(100, Math.round(p.rowsRead * 100 / expected)) : null;
                        bar.style.width = (pct === null ? 60 : 50 + pct / 2) + '%';
                        text.textContent = (zh ? '已处理 ' : 'Processed ') + p.rowsRead + (expected ? ' / ' + expected : '') + (zh ? ' 行' : ' rows');
                    });
            }, 500);
        };
        xhr.onload = function () {
            finished = true;
            clearInterval(polling);
            button.disabled = false;
            bar.style.width = '100%';
            if (xhr.status >= 200 && xhr.status < 300) {
                text.textContent = zh ? '完成' : 'Done';
                slot.innerHTML = xhr.responseText;
            } else {
                text.textContent = (zh ? '导入失败：服务器返回 ' : 'Import failed: server answered ') + xhr.status;
            }
        };
        xhr.onerror = function () {
            clearInterval(polling);
            button.disabled = false;
            text.textContent = zh ? '网络错误，导入未完成，请重试' : 'Network error, please retry';
        };
        xhr.send(new FormData(form));
    });
})();
