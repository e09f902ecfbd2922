// A tracking link (petitions, residents' requests) carries the code after "#": it never reaches a server log. Fill the field and look the case up.
(function () {
    const code = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
    const field = document.getElementById('code');
    if (code && field && !field.value) {
        field.value = code;
        history.replaceState(null, '', location.pathname);
        document.getElementById('track-form').submit();
    }
})();
