// The player of 'reader embed'. It upgrades the markup of its own root element (the .reader-player around
// this script): the plain <audio controls> and the chapter links become the player; nothing global is
// touched, so several players on one page work side by side. No requests of its own.
(function () {
  var script = document.currentScript;
  var roots = script && script.closest('.reader-player') ? [script.closest('.reader-player')]
    : document.querySelectorAll('.reader-player');
  Array.prototype.forEach.call(roots, function (root) {
    if (!root.hasAttribute('data-rp-ready')) setUp(root);
  });

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds || 0)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    s = s % 60;
    return (h ? h + ':' + (m < 10 ? '0' : '') : '') + m + ':' + (s < 10 ? '0' : '') + s;
  }

  // Index of the last [start, end, ...] that starts at or before ms; -1 before the first.
  function last(list, ms) {
    var low = 0, high = list.length - 1, found = -1;
    while (low <= high) {
      var mid = (low + high) >> 1;
      if (list[mid][0] <= ms) { found = mid; low = mid + 1; } else { high = mid - 1; }
    }
    return found;
  }

  function setUp(root) {
    function find(selector) { return root.querySelector(selector); }
    var data = JSON.parse(find('.rp-data').textContent);
    var audio = find('audio'), figure = root.previousElementSibling;
    if (!audio && figure && figure.classList.contains('reader-audio')) audio = figure.querySelector('audio');
    else figure = null;
    if (!audio) return; // nothing to drive: the chapter links keep working
    root.setAttribute('data-rp-ready', '');
    root.rpAudio = audio;

    var play = find('.rp-play'), label = find('.rp-label'), seek = find('.rp-seek'), now = find('.rp-now');
    var total = find('.rp-total'), speed = find('.rp-speed'), live = find('.rp-live'), text = find('.rp-text');
    var first = label.textContent, chapters = [], sentences = text ? text.querySelectorAll('[data-u]') : [];
    var shown = { chapter: -1, sentence: -1 };

    audio.removeAttribute('controls');
    if (figure) figure.style.display = 'none'; // its plain controls give way to the player
    find('.rp-bar').hidden = false;
    if (text) find('.rp-transcript').hidden = false;
    Array.prototype.forEach.call(root.querySelectorAll('.rp-chapters a'), function (link, n) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = link.className;
      while (link.firstChild) button.appendChild(link.firstChild);
      link.parentNode.replaceChild(button, link);
      button.addEventListener('click', function () { go(data.chapters[n][0]); });
      chapters.push(button);
    });

    function duration() {
      return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : data.duration / 1000;
    }
    function go(ms) {
      audio.currentTime = ms / 1000;
      update();
      if (audio.paused) toggle();
    }
    function toggle() {
      if (!audio.paused) return audio.pause();
      var started = audio.play();
      if (started && started.catch) started.catch(failed);
    }
    function failed() { live.textContent = 'Das Audio lässt sich nicht abspielen.'; }
    function mark(list, old, next) {
      if (old >= 0 && list[old]) list[old].removeAttribute('aria-current');
      if (next >= 0 && list[next]) list[next].setAttribute('aria-current', 'true');
      return next;
    }
    function reveal(sentence) { // keep the sentence in view inside the transcript box, never scroll the page
      if (!sentence || !text.offsetParent) return;
      var top = sentence.offsetTop, bottom = top + sentence.offsetHeight;
      if (top < text.scrollTop || bottom > text.scrollTop + text.clientHeight) text.scrollTop = top - text.clientHeight / 3;
    }
    function update() {
      var seconds = audio.currentTime, ms = seconds * 1000, end = duration(), chapter = last(data.chapters, ms);
      now.textContent = clock(seconds);
      total.textContent = clock(end);
      seek.max = end;
      seek.value = seconds;
      seek.setAttribute('aria-valuetext', clock(seconds) + ' von ' + clock(end)
        + (chapter >= 0 ? ', ' + data.chapters[chapter][2] : ''));
      if (chapter !== shown.chapter) shown.chapter = mark(chapters, shown.chapter, chapter);
      if (data.cues) {
        var sentence = last(data.cues, ms);
        if (sentence !== shown.sentence) reveal(sentences[shown.sentence = mark(sentences, shown.sentence, sentence)]);
      }
    }
    function state() {
      root.classList.toggle('rp-playing', !audio.paused);
      label.textContent = !audio.paused ? 'Pause' : audio.currentTime > 0 && !audio.ended ? 'Weiter hören' : first;
    }

    play.addEventListener('click', toggle);
    seek.addEventListener('input', function () { audio.currentTime = +seek.value; update(); });
    speed.addEventListener('change', function () { audio.playbackRate = +speed.value; });
    if (text) {
      text.addEventListener('click', function (event) {
        var sentence = event.target.closest('[data-u]');
        if (sentence) go(data.cues[+sentence.getAttribute('data-u')][0]);
      });
    }
    audio.addEventListener('play', function () { // one player at a time on a page
      Array.prototype.forEach.call(document.querySelectorAll('.reader-player[data-rp-ready]'), function (other) {
        if (other !== root && other.rpAudio && other.rpAudio !== audio) other.rpAudio.pause();
      });
    });
    ['play', 'pause', 'ended', 'seeked'].forEach(function (name) { audio.addEventListener(name, state); });
    ['timeupdate', 'seeked', 'pause', 'durationchange', 'loadedmetadata'].forEach(function (name) {
      audio.addEventListener(name, update);
    });
    audio.addEventListener('error', failed);
    audio.playbackRate = +speed.value;
    update();
  }
})();
