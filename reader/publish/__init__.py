"""Publishing a post's audio to WordPress: find the post over the REST API, speak it, upload the MP3 (and
its WebVTT files) to the media library and put one audio block of reader's own at the top of the post.

    blocks.py   reader's own core/audio block: make it, find it and remove it in a post's raw content
"""
