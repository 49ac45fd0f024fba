"""What a WordPress refusal means for the user: one line that says what to do (rules as a table).

WordPress's error bodies carry a stable ``code`` (the ``message`` is translated), so the rules match codes.
"""

from __future__ import annotations

from ..errors import PublishError

ADMIN_HINT = "WordPress: Users -> Profile -> Application Passwords"
LIMITS_HINT = ("raise PHP's post_max_size and upload_max_filesize (php.ini or the host's PHP settings) "
               "and the web server's request body limit (nginx: client_max_body_size)")

# (codes, statuses, message template). The first rule that matches wins; {site} {user} {what} {code} {size}.
RULES = (
    ({"incorrect_password", "invalid_username", "invalid_email", "application_passwords_disabled",
      "application_passwords_disabled_for_user"}, (),
     "{site} refused the login of {user!r} ({code}): check --user and the application password ({admin})"),
    ({"rest_post_invalid_id", "rest_no_route", "rest_invalid_post"}, (404,),
     "{site} has no such post ({what}: {code}): check SOURCE (the post's URL, id or slug) and --site"),
    ({"rest_upload_no_data"}, (), "{site} received no data for {what} ({size}): the file is probably larger "
     "than the site accepts; " + LIMITS_HINT),
    ({"http_413", "rest_upload_file_too_big", "rest_upload_limited_space", "rest_upload_user_quota_exceeded"}, (413,),
     "{site} refused {what} ({size}) as too big ({code}): " + LIMITS_HINT),
    ({"rest_upload_sideload_error", "rest_upload_unknown_error", "rest_upload_no_content_type",
      "rest_upload_invalid_disposition"}, (),
     "{site} could not store {what} ({code}: {message}): check the uploads folder is writable and the file type "
     "allowed; for size limits " + LIMITS_HINT),
    (set(), (401,),
     "{site} did not log in {user!r} ({code}): check --user and the application password ({admin}); if both are "
     "right, the host strips the Authorization header (Apache CGI/FastCGI: pass HTTP_AUTHORIZATION on, see the README)"),
    (set(), (403,), "{site} does not let {user!r} do {what} ({code}): the user needs a role that may edit the post "
     "and upload files (Editor or Administrator)"),
    (set(), (404,), "{site} has no such post or route ({what}: {code}): check SOURCE and --site"),
)


def refusal(reply, *, site: str, user: str, what: str, sent_password: bool, upload_bytes: int = 0) -> PublishError:
    data = reply.data if isinstance(reply.data, dict) else {}
    code = str(data.get("code") or f"HTTP {reply.status}")
    message = " ".join(str(data.get("message") or "").split())[:200]
    fields = {"site": site, "user": user, "what": what, "code": code, "admin": ADMIN_HINT,
              "size": f"{upload_bytes / 1e6:.1f} MB", "message": message}
    if reply.status == 401 and not sent_password:
        return PublishError(f"{site} needs a login for {what} ({code}): give the application password in "
                            "READER_WP_PASSWORD or --password-file")
    for codes, statuses, template in RULES:
        if code in codes or reply.status in statuses:
            return PublishError(template.format(**fields))
    return PublishError(f"{site} refused {what} (HTTP {reply.status} {code}: {message}); check the site's settings "
                        "and run again with -v for details")
