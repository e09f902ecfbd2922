// 群众诉求: the phone's position (WGS84) as the request's optional coordinates — only when the resident asks for it.
(function () {
    const button = document.getElementById('locate');
    if (!button) {
        return;
    }
    if (!('geolocation' in navigator)) {
        button.hidden = true;
        return;
    }
    const status = document.getElementById('locate-status');
    button.addEventListener('click', function () {
        status.textContent = button.dataset.waiting;
        navigator.geolocation.getCurrentPosition(function (position) {
            const lat = position.coords.latitude.toFixed(6);
            const lon = position.coords.longitude.toFixed(6);
            document.getElementById('lat').value = lat;
            document.getElementById('long').value = lon;
            status.textContent = button.dataset.done + ' ' + lat + ', ' + lon;
        }, function () {
            status.textContent = button.dataset.failed;
        }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
})();
