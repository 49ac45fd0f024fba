<?php
/*
 * Plugin Name: reader test site
 * Description: Makes the test WordPress quiet: mail goes nowhere, no cron or update calls to the internet.
 */
if (!function_exists('wp_mail')) {
    function wp_mail() { return true; }
}
add_filter('pre_http_request', function ($pre, $args, $url) {
    return new WP_Error('http_request_blocked', 'the test site makes no outgoing requests');
}, 10, 3);
