"""The end of a batch in words: converted, unchanged, failed (with reasons), audio length; exit code 8."""

from __future__ import annotations

from ..errors import ArticlesFailedError

MAX_LISTED = 10  # failures listed one by one; the rest are in report.json


def clock(ms: int) -> str:
    minutes, secs = divmod(round(ms / 1000), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def posts(n: int) -> str:
    return f"{n} post" if n == 1 else f"{n} posts"


def summary_lines(report: dict) -> list[str]:
    c = report["counts"]
    lines = [
        f"{c['converted']} converted ({clock(report['audio_ms_converted'])} of audio; {report['synthesized']} "
        f"utterances synthesized, {report['cached']} cached), {c['unchanged']} unchanged, {c['failed']} failed"
        + (f", {c['deleted']} no longer listed" if c["deleted"] else "")
        + (f", {c['pruned']} pruned" if c["pruned"] else "")
        + (f", {c['pending']} left for the next run" if c.get("pending") else "")
        + f" with {report['engine']}",
        f"{posts(report['posts_with_audio'])} with audio, {clock(report['audio_ms_total'])} in all; "
        f"report in {report['out']}/report.json",
    ]
    lines += [f"failed: {f['url']}: {f['reason']}" for f in report["failed"][:MAX_LISTED]]
    if len(report["failed"]) > MAX_LISTED:
        lines.append(f"... and {len(report['failed']) - MAX_LISTED} more failures in report.json")
    return lines


def raise_if_failed(report: dict) -> None:
    failed = report["counts"]["failed"]
    if failed:
        total = failed + report["counts"]["converted"] + report["counts"]["unchanged"]
        raise ArticlesFailedError(f"{failed} of {total} articles failed; the reasons are in "
                                  f"{report['out']}/report.json; run the same command again to retry them")
