"""reader embed: from a manifest (article.json) to a player for the blog and WebVTT files beside the MP3.

    load.py      the manifest file -> Recording (plain data), with one-line errors for bad files
    vtt.py       Recording -> chapters and captions WebVTT; write_vtt_files(manifest_path)
    snippet.py   Recording -> the player's HTML (inline CSS and JS from player.css / player.js)
    formats.py   the snippet as it is delivered: a fragment, a whole page, or block-editor markup
    write.py     embed(): check every destination, then write the WebVTT files and the player
    command.py   the CLI
"""

# What the command line offers, here so that 'reader --help' need not import the modules below.
FORMATS = ("html", "page", "wordpress")
DEFAULT_LABEL = "Klicken, um den Text zu hören"
