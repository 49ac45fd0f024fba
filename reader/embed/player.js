// The player of 'reader embed'. It upgrades the markup of its own root element (the .reader-player around
// this script): the plain <audio controls> and the chapter links become the player; nothing global is
// touched, so several players on one page work side by side. No requests of its own.
//
// WordPress rewrites a post's content before showing it, code inside script elements included, and this file
// must come through unchanged (snippet.asset refuses it otherwise). So: no less-than, greater-than or
// ampersand characters in the code (comparisons go through less(); conditions are nested ifs), a '[' is never
// followed by a letter (WordPress would run '[name' as a shortcode: write list[ n ]), and no blank lines.
(function () {
  var script = document.currentScript;
  var own = script ? script.closest('.reader-player') : null;
  Array.prototype.forEach.call(own ? [ own ] : document.querySelectorAll('.reader-player'), function (root) {
    if (!root.hasAttribute('data-rp-ready')) setUp(root);
  });
  // a is less than b (numbers)
  function less(a, b) {
    return Math.sign(b - a) === 1;
  }
  // 7 becomes '07'
  function two(n) {
    return String(100 + n).slice(1);
  }
  function clock(seconds) {
    var s = Math.floor(Math.max(0, seconds || 0)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    return (h ? h + ':' + two(m) : m) + ':' + two(s % 60);
  }
  // start, ms, end in this order (give or take a millisecond)
  function within(entry, ms) {
    if (less(ms, entry.start - 1)) return false;
    return !less(entry.end + 1, ms);
  }
  // The entry playing at ms: of those that start at or before ms, the one that starts last; on a tie the one
  // not over yet (a chapter of no length gives way to the next). Null before the first. Any order.
  function holding(entries, ms) {
    var found = null;
    entries.forEach(function (entry) {
      if (less(ms, entry.start)) return;
      if (!found || less(found.start, entry.start)) found = entry;
      else if (entry.start === found.start) { if (less(ms, entry.end)) found = entry; }
    });
    return found;
  }
  // Which entry of a list (chapters, sentences) is marked: the one clicked while the audio is still inside it
  // (so a chapter of no length can be marked too), else the one playing. Returns the entry when it changed.
  function follow(list, ms) {
    var entry = list.picked;
    if (!entry || !within(entry, ms)) {
      list.picked = null;
      entry = holding(list.entries, ms);
    }
    if (entry === list.current) return null;
    if (list.current) list.current.node.removeAttribute('aria-current');
    if (entry) entry.node.setAttribute('aria-current', 'true');
    list.current = entry;
    return entry;
  }
  function setUp(root) {
    function find(selector) { return root.querySelector(selector); }
    var data = JSON.parse(find('.rp-data').textContent);
    var audio = find('audio'), figure = root.previousElementSibling;
    if (audio || !figure || !figure.classList.contains('reader-audio')) figure = null;
    else audio = figure.querySelector('audio');
    // nothing to drive: the chapter links keep working
    if (!audio) return;
    root.setAttribute('data-rp-ready', '');
    root.rpAudio = audio;
    var play = find('.rp-play'), label = find('.rp-label'), seek = find('.rp-seek'), now = find('.rp-now');
    var total = find('.rp-total'), speed = find('.rp-speed'), live = find('.rp-live'), text = find('.rp-text');
    var first = label.textContent, links = root.querySelectorAll('.rp-chapters a');
    var spans = text ? text.querySelectorAll('.rp-u') : [];
    var chapters = { picked: null, current: null, entries: data.chapters.map(function (chapter, n) {
      var entry = { start: chapter[0], end: chapter[1], title: chapter[2], node: button(links.item(n)) };
      entry.node.addEventListener('click', function () { go(chapters, entry); });
      return entry;
    }) };
    var sentences = { picked: null, current: null, entries: (text ? data.cues : []).map(function (cue, n) {
      return { start: cue[0], end: cue[1], node: spans.item(n) };
    }) };
    audio.removeAttribute('controls');
    // its plain controls give way to the player
    if (figure) figure.style.display = 'none';
    find('.rp-bar').hidden = false;
    if (text) find('.rp-transcript').hidden = false;
    // a chapter link becomes a button that seeks
    function button(link) {
      var made = document.createElement('button');
      made.type = 'button';
      made.className = link.className;
      while (link.firstChild) made.appendChild(link.firstChild);
      link.parentNode.replaceChild(made, link);
      return made;
    }
    function duration() {
      var known = audio.duration;
      if (isFinite(known)) { if (less(0, known)) return known; }
      return data.duration / 1000;
    }
    function go(list, entry) {
      list.picked = entry;
      audio.currentTime = entry.start / 1000;
      update();
      if (audio.paused) toggle();
    }
    function toggle() {
      if (!audio.paused) return audio.pause();
      var started = audio.play();
      if (started) { if (started.catch) started.catch(failed); }
    }
    function failed() { live.textContent = 'Das Audio lässt sich nicht abspielen.'; }
    // keep the sentence in view inside the transcript box, never scroll the page
    function reveal(sentence) {
      if (!text.offsetParent) return;
      var top = sentence.offsetTop, bottom = top + sentence.offsetHeight;
      if (less(top, text.scrollTop) || less(text.scrollTop + text.clientHeight, bottom)) {
        text.scrollTop = top - text.clientHeight / 3;
      }
    }
    // the transcript is one tab stop: the sentence last focused, else the one playing
    function rove(sentence) {
      spans.forEach(function (span) { span.tabIndex = span === sentence ? 0 : -1; });
    }
    function update() {
      var seconds = audio.currentTime, ms = seconds * 1000, end = duration();
      now.textContent = clock(seconds);
      total.textContent = clock(end);
      seek.max = end;
      seek.value = seconds;
      follow(chapters, ms);
      var sentence = follow(sentences, ms);
      if (sentence) {
        reveal(sentence.node);
        if (!text.contains(document.activeElement)) rove(sentence.node);
      }
    }
    // what the seek bar says; not on every timeupdate, or screen readers would say it each second
    function describe() {
      var chapter = chapters.current;
      seek.setAttribute('aria-valuetext', clock(audio.currentTime) + ' von ' + clock(duration())
        + (chapter ? ', ' + chapter.title : ''));
    }
    function refresh() {
      update();
      describe();
    }
    function state() {
      root.classList.toggle('rp-playing', !audio.paused);
      var begun = audio.currentTime ? !audio.ended : false;
      label.textContent = !audio.paused ? 'Pause' : begun ? 'Weiter hören' : first;
    }
    function sentenceOf(node) {
      return sentences.entries.filter(function (entry) { return entry.node === node; }).pop();
    }
    var moves = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
    // arrows move along the sentences, Home and End to the first and last; Enter, Space seek
    function key(event) {
      var all = sentences.entries, n = all.indexOf(sentenceOf(event.target)), to = n;
      if (n === -1) return;
      if (event.key === 'Enter' || event.key === ' ') go(sentences, all[ n ]);
      else if (moves.hasOwnProperty(event.key)) to = Math.min(Math.max(0, n + moves[ event.key ]), all.length - 1);
      else if (event.key === 'Home') to = 0;
      else if (event.key === 'End') to = all.length - 1;
      else return;
      event.preventDefault();
      var sentence = all[ to ].node;
      rove(sentence);
      sentence.focus({ preventScroll: true });
      reveal(sentence);
    }
    play.addEventListener('click', toggle);
    seek.addEventListener('input', function () { audio.currentTime = +seek.value; refresh(); });
    seek.addEventListener('focus', describe);
    speed.addEventListener('change', function () { audio.playbackRate = +speed.value; });
    if (text) {
      spans.forEach(function (span) { span.setAttribute('role', 'button'); });
      rove(spans.item(0));
      text.addEventListener('click', function (event) {
        var span = event.target.closest('.rp-u'), entry = span ? sentenceOf(span) : null;
        if (entry) go(sentences, entry);
      });
      text.addEventListener('keydown', key);
    }
    // one player at a time on a page
    audio.addEventListener('play', function () {
      Array.prototype.forEach.call(document.querySelectorAll('.reader-player[ data-rp-ready]'), function (other) {
        if (other !== root) { if (other.rpAudio !== audio) other.rpAudio.pause(); }
      });
    });
    ['play', 'pause', 'ended', 'seeked'].forEach(function (name) { audio.addEventListener(name, state); });
    audio.addEventListener('timeupdate', update);
    ['seeked', 'pause', 'durationchange', 'loadedmetadata'].forEach(function (name) {
      audio.addEventListener(name, refresh);
    });
    audio.addEventListener('error', failed);
    audio.playbackRate = +speed.value;
    refresh();
  }
})();
