"""Publishing a post's audio to WordPress: find the post over the REST API, speak it, upload the MP3 (and
its WebVTT files) to the media library and put one audio block of reader's own at the top of the post.

    source.py     SOURCE (URL, id, slug) -> PostRef
    rest.py       a small REST client (pretty and ?rest_route= forms, application password)
    refusals.py   what each refusal of the site means for the user (one line, exit 7)
    wordpress.py  find the post; list, upload and delete reader's media; write the post's raw content
    blocks.py     reader's own core/audio block: make it, find it and remove it in a post's raw content
    run.py        publish_post(): the whole flow, plain data in and out
    command.py    `reader publish` on top of publish_post
"""

__all__ = ["publish_post", "PublishResult"]


def __getattr__(name):  # keep `import reader.publish.command` light: run.py is loaded when used
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(name)
