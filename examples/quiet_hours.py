#!/usr/bin/env python3
"""A tiny consumer of out/<id>/config/runtime.json (standard library only).

Answers: may someone post in this chat at this time?

    python3 examples/quiet_hours.py out/itep/config/runtime.json ek-21-parents 21:30
    python3 examples/quiet_hours.py out/itep/config/runtime.json ek-21-parents 2023-10-25T14:30:00+00:00

A bare HH:MM is the institution's local time; a date-time with an offset is converted to the
institution's time zone first. Prints "yes" or "no: …" and exits 0 either way (2 on bad input).
"""
import json
import sys
from datetime import datetime, time
from zoneinfo import ZoneInfo


def parse_hhmm(text):
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def local_time(config, when):
    """`when` is 'HH:MM' (local) or an ISO date-time with an offset (converted to local)."""
    if "T" not in when:
        return parse_hhmm(when)
    moment = datetime.fromisoformat(when.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a date-time needs an offset, e.g. +00:00")
    return moment.astimezone(ZoneInfo(config["institution"]["time_zone"])).time().replace(second=0, microsecond=0)


def in_window(window, at):
    """True when `at` falls inside [from, to); the window may cross midnight (22:00–06:00)."""
    start, end = parse_hhmm(window["from"]), parse_hhmm(window["to"])
    if start <= end:
        return start <= at < end
    return at >= start or at < end


def may_post(config, chat_id, when, emergency=False):
    """(allowed, reason) for a message in chat `chat_id` at `when`."""
    chat = next((c for c in config["chats"] if c["id"] == chat_id), None)
    if chat is None:
        raise KeyError(f"no chat {chat_id!r}; known: {', '.join(c['id'] for c in config['chats'])}")
    window = config["quiet_hours"][chat["quiet_hours_audience"]]
    at = local_time(config, when)
    if window is None or emergency or not in_window(window, at):
        return True, "allowed"
    zone = config["institution"]["time_zone"]
    return False, f"quiet hours {window['from']}–{window['to']} ({zone}) in this chat; {at:%H:%M} local"


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        config = json.load(f)
    try:
        allowed, reason = may_post(config, argv[2], argv[3])
    except (KeyError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print("yes" if allowed else f"no: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
