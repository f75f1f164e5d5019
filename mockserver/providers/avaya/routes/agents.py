"""Dialogflow agent routes (seed 004, List Agents, View Agent Profile, Update Agent
Profile)."""
from __future__ import annotations

from ..agents import AGENT_PARAMS
from .api import Call, Router

ELEMENT = "Agent"
ITEM = "/Agents/<sid:agent_sid>"


def register(api: Router) -> None:
    """Add the agent routes."""
    backend = api.backend

    @api.route("/Agents", ["GET"])
    def list_agents(call: Call):
        """GET /Agents with Page, PageSize."""
        return call.page(backend.list_agents(call.account_sid, call.window()), "agents",
                         ELEMENT)

    @api.route(ITEM, ["GET"])
    def view_agent(call: Call, agent_sid: str):
        """GET /Agents/{AgentSid}."""
        return call.one(backend.view_agent(call.account_sid, agent_sid), ELEMENT)

    @api.route(f"{ITEM}/ConfigProfile", ["POST"])
    def update_agent(call: Call, agent_sid: str):
        """POST /Agents/{AgentSid}/ConfigProfile with the profile fields to change."""
        return call.one(backend.update_agent(call.account_sid, agent_sid,
                                             call.params(AGENT_PARAMS)), ELEMENT)
