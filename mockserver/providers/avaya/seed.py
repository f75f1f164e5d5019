"""A new Avaya tenant: an account with no numbers, applications or messages, given its
Account fields from the fixtures' directory when it is first used, and one or two Google
Dialogflow agents (fixtures/avaya/agents.json: the first always, the second for about half
the accounts, by a digest of the seed and the AccountSid; List Agents, seed 004)."""
from __future__ import annotations

from ...core.provider import Services
from .accounts import Directory, account_path
from .errors import SLUG
from .state import AvayaState


class AvayaSeeder:
    """Builds the cached (empty) seed and personalises each tenant's copy."""

    def __init__(self, services: Services, directory: Directory) -> None:
        self.services = services
        self.directory = directory

    def build(self) -> AvayaState:
        """The state every tenant starts from."""
        return AvayaState()

    def personalise(self, state: AvayaState, sid: str) -> None:
        """Give a tenant's fresh copy its Account and its agents."""
        state.account = self.directory.account_fields(sid, self.services.clock.now())
        state.agents = self.agents(sid, state.account["date_created"])

    def agents(self, account_sid: str, created: str) -> dict[str, dict]:
        """The account's Dialogflow agents by SID (``AG`` and 32 hex digits that depend on
        the seed and the AccountSid), created with the account."""
        templates = self.services.fixtures(SLUG).load("agents.json")["agents"]
        count = min(len(templates), 1 + agent_extra(self.services, account_sid))
        agents = {}
        for index, template in enumerate(templates[:count]):
            sid = "AG" + self.services.digest(account_sid, "agent", index).hex()
            fields = {key: value for key, value in template.items()
                      if not key.startswith("_")}
            agents[sid] = {"sid": sid, "account_sid": account_sid, **fields,
                           "date_created": created, "date_updated": created,
                           "api_version": "v2",
                           "uri": f"{account_path(account_sid)}/Agents/{sid}"}
        return agents


def agent_extra(services: Services, account_sid: str) -> int:
    """1 when the account is given the second agent too, else 0."""
    return services.digest(account_sid, "agents")[0] % 2
