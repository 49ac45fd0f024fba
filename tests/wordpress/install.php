<?php
// Installs the test WordPress from the command line: php install.php DOCROOT TITLE USER PASSWORD EMAIL
// Prints one JSON line: {"user_id": N, "app_password": "..."} (the application password for the REST API).
[$script, $docroot, $title, $user, $password, $email] = $argv;
define('WP_INSTALLING', true);
function wp_mail() { return true; }  // no sendmail here: the welcome mail goes nowhere
$_SERVER['HTTP_HOST'] = parse_url(getenv('READER_WP_URL'), PHP_URL_HOST) . ':' . parse_url(getenv('READER_WP_URL'), PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
require $docroot . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
if (!is_blog_installed()) {
    $installed = wp_install($title, $user, $email, true, '', wp_slash($password), 'de_DE');
    $user_id = $installed['user_id'];
} else {
    $user_id = get_user_by('login', $user)->ID;
}
update_option('permalink_structure', '/%postname%/');
update_option('WPLANG', 'de_DE');
flush_rewrite_rules(true);
[$app_password, $item] = WP_Application_Passwords::create_new_application_password($user_id, ['name' => 'reader tests']);
echo json_encode(['user_id' => $user_id, 'app_password' => $app_password]), "\n";
