"""Google Dialogflow agents (seed 004, List Agents, View Agent Profile, Update Agent Profile).
Part of the Avaya backend (a mixin); no Flask here.

"Lists all Google Dialogflow Agent integrations for your account." Agents are not created
through the API: every account is given one or two (seed.py, fixtures/avaya/agents.json).
An agent's fields are the View Agent Profile parameters, in the seed's order, between its
``sid``/``account_sid`` and its dates: ``friendly_name``, ``timeout`` (an integer),
``callback_url``, ``language``, ``event_callback_url``, ``events`` (the seed's
semicolon-separated string), then Update's ``callback_method`` and
``event_callback_method``, ``date_created``, ``date_updated``, ``api_version``, ``uri``.

Update Agent Profile takes the seed's names (``Friendly_name``, ``Timeout``,
``Callback_url``, ``Language``, ``Event_callback_url``, ``Events``, ``Callback_method``,
``Event_ Callback_method``; names match without regard to case) and their CamelCase
spellings (``FriendlyName``, ``CallbackUrl``, ...). Which mistake answers with which code:
an unknown AgentSid 21227 (404); ``Friendly_name`` blank or over 64 characters 20002;
``Timeout`` not an integer from 1 to 999 21208; a URL over 200 characters 12301, malformed
21502; ``Language`` not ``LanguageCode:VoiceType:Gender`` (``en-US:en-US-Standard-B:Male``:
a BCP-47 code, a voice name starting with it, Male, Female or Neutral) 10022; an event
other than onConversationStarted, onAgentRespond, onConversationEnded 10022; a method
other than POST ("Available and default method is POST") 10022; an account that is not
active 20005 (403).
"""
from __future__ import annotations

import re

from .accounts import MAX_FRIENDLY_NAME
from .errors import AvayaError, NotFound
from .paging import Listing, Window
from .params import Params
from .state import AvayaState
from .wire import rfc2822

#: each field Update Agent Profile sets and the parameter names that set it
FIELDS = {"friendly_name": ("Friendly_name", "FriendlyName"), "timeout": ("Timeout",),
          "callback_url": ("Callback_url", "CallbackUrl"), "language": ("Language",),
          "event_callback_url": ("Event_callback_url", "EventCallbackUrl"),
          "events": ("Events",), "callback_method": ("Callback_method", "CallbackMethod"),
          "event_callback_method": ("Event_ Callback_method", "Event_Callback_method",
                                    "EventCallbackMethod")}
AGENT_PARAMS = tuple(name for names in FIELDS.values() for name in names)
EVENTS = ("onConversationStarted", "onAgentRespond", "onConversationEnded")
GENDERS = ("Male", "Female", "Neutral")
MAX_TIMEOUT = 999
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class Agents:
    """Dialogflow agents of the Avaya backend."""

    def list_agents(self, account_sid: str, window: Window) -> Listing:
        """List Agents, in the order the account was given them."""
        with self.locked(account_sid) as state:
            return window.slice([dict(agent) for agent in state.agents.values()])

    def view_agent(self, account_sid: str, sid: str) -> dict:
        """View Agent Profile; 21227 (404) for an unknown SID."""
        with self.locked(account_sid) as state:
            return dict(self._agent(state, sid))

    def update_agent(self, account_sid: str, sid: str, params: Params) -> dict:
        """Update Agent Profile: only the parameters given change (codes in the module
        doc)."""
        with self.locked(account_sid) as state:
            self.require_active(state)
            agent = self._agent(state, sid)
            changes = agent_changes(params)
            if changes:
                agent.update(changes)
                agent["date_updated"] = rfc2822(self.clock.now())
            return dict(agent)

    def _agent(self, state: AvayaState, sid: str) -> dict:
        agent = state.agents.get(sid)
        if agent is None:
            raise NotFound("agent", sid)
        return agent


def _given(params: Params, field: str) -> str | None:
    for name in FIELDS[field]:
        if name in params:
            return params.get(name)
    return None


def agent_changes(params: Params) -> dict:
    """The fields the parameters set, every one checked before any changes."""
    changes: dict = {}
    name = _given(params, "friendly_name")
    if name is not None:
        name = name.strip()
        if not name or len(name) > MAX_FRIENDLY_NAME:
            raise AvayaError(20002, details="Friendly_name must be 1 to "
                                            f"{MAX_FRIENDLY_NAME} characters")
        changes["friendly_name"] = name
    timeout = _given(params, "timeout")
    if timeout is not None:
        changes["timeout"] = checked_timeout(timeout)
    for field in ("callback_url", "event_callback_url"):
        raw = _given(params, field)
        if raw is not None:
            name = FIELDS[field][0]
            changes[field] = Params({name: raw}).url(name, invalid=21502)
    language = _given(params, "language")
    if language is not None:
        changes["language"] = checked_language(language)
    events = _given(params, "events")
    if events is not None:
        changes["events"] = checked_events(events)
    for field in ("callback_method", "event_callback_method"):
        raw = _given(params, field)
        if raw is not None:
            if raw.strip().upper() not in ("", "POST"):
                raise AvayaError(10022, details=f"{FIELDS[field][0]}: the only method is "
                                                f"POST, got {raw!r}")
            changes[field] = "POST"
    return changes


def checked_timeout(raw: str) -> int:
    """Seconds from 1 to 999 (21208 otherwise)."""
    try:
        value = int(raw.strip())
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_TIMEOUT:
        raise AvayaError(21208, details=f"Timeout must be an integer from 1 to "
                                        f"{MAX_TIMEOUT}, got {raw!r}")
    return value


def checked_language(raw: str) -> str:
    """``LanguageCode:VoiceType:Gender`` as the seed spells it (10022 otherwise)."""
    parts = [part.strip() for part in raw.split(":")]
    if len(parts) == 3:
        code, voice, gender = parts
        gender = gender.capitalize()
        if _LANGUAGE.match(code) and voice.lower().startswith(code.lower() + "-") \
                and len(voice) > len(code) + 1 and gender in GENDERS:
            return f"{code}:{voice}:{gender}"
    raise AvayaError(10022, details="Language must be LanguageCode:VoiceType:Gender, such "
                                    f"as en-US:en-US-Standard-B:Male; got {raw!r}")


def checked_events(raw: str) -> str:
    """Events separated by semicolons (or commas), each one of ``EVENTS`` in any case;
    kept as the seed writes them ("onConversationStarted; onAgentRespond"); "" for none."""
    chosen = []
    for part in re.split(r"[;,]", raw):
        part = part.strip()
        if not part:
            continue
        event = next((e for e in EVENTS if e.lower() == part.lower()), None)
        if event is None:
            raise AvayaError(10022, details=f"unknown event {part!r}; events are "
                                            + "; ".join(EVENTS))
        if event not in chosen:
            chosen.append(event)
    return "; ".join(chosen)
