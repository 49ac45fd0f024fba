<?php
// php -S router for the test WordPress: existing files are served as they are, everything else
// (pretty permalinks, /wp-json/...) goes to WordPress's index.php, as Apache's rewrite rules would.
// php -S ignores Range requests, which every real web server answers (a browser cannot seek in an MP3
// without them): media files are served here, with Range.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
$media_types = ['mp3' => 'audio/mpeg', 'vtt' => 'text/vtt'];
if ($path !== '/' && file_exists($file) && !is_dir($file)) {
    $type = $media_types[strtolower(pathinfo($file, PATHINFO_EXTENSION))] ?? null;
    if ($type === null) {
        return false;
    }
    reader_serve_with_ranges($file, $type);
    return true;
}
if (is_dir($file) && file_exists(rtrim($file, '/') . '/index.php')) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['SCRIPT_FILENAME'];

function reader_serve_with_ranges(string $file, string $type): void {
    $size = filesize($file);
    $start = 0;
    $end = $size - 1;
    header('Accept-Ranges: bytes');
    header("Content-Type: $type");
    if (preg_match('/^bytes=(\d*)-(\d*)$/', $_SERVER['HTTP_RANGE'] ?? '', $m) && ($m[1] !== '' || $m[2] !== '')) {
        if ($m[1] === '') {
            $start = max(0, $size - intval($m[2]));
        } else {
            $start = intval($m[1]);
            $end = $m[2] === '' ? $end : min($end, intval($m[2]));
        }
        if ($start > $end) {
            http_response_code(416);
            header("Content-Range: bytes */$size");
            return;
        }
        http_response_code(206);
        header("Content-Range: bytes $start-$end/$size");
    }
    header('Content-Length: ' . ($end - $start + 1));
    if ($_SERVER['REQUEST_METHOD'] === 'HEAD') {
        return;
    }
    $handle = fopen($file, 'rb');
    fseek($handle, $start);
    for ($left = $end - $start + 1; $left > 0 && !feof($handle); $left -= strlen($chunk)) {
        $chunk = fread($handle, min(65536, $left));
        echo $chunk;
    }
    fclose($handle);
}
