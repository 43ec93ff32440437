#!/usr/bin/env python3
"""Checks docker/*.yml against the server itself, since no registry here serves the images to bring them up.

Every AGENTMAIL_* variable a compose file sets or interpolates, and every one the image sets (app/pom.xml), must be
one the server reads (a string literal in some module's src/main/java). Every container port a compose file
publishes for an agentmail service must be one that service listens on: the default of an AGENTMAIL_*_PORT the
server reads, unless the service sets that variable. Then each file goes through a real compose implementation
(`docker-compose config`, which validates against the compose schema) when it is installed. Exits 1 with every problem listed.
"""
import pathlib
import re
import shutil
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAME = re.compile(r"AGENTMAIL_[A-Z0-9_]*[A-Z0-9]")
# A port setting and its default on one line, e.g. settings.port("AGENTMAIL_API_PORT", 8080).
PORT_DEFAULT = re.compile(r'"(AGENTMAIL_[A-Z0-9_]*PORT)"\s*,\s*(\d+)')
# Set by the operator for compose itself, never passed to the server.
COMPOSE_ONLY = {"AGENTMAIL_IMAGE"}


def server_settings():
    names, port_defaults = set(), {}
    for source in ROOT.glob("*/src/main/java/**/*.java"):
        text = source.read_text(encoding="utf-8")
        names.update(re.findall(r'"(AGENTMAIL_[A-Z0-9_]*[A-Z0-9])"', text))
        port_defaults.update((name, int(port)) for name, port in PORT_DEFAULT.findall(text))
    return names, port_defaults


def container_port(mapping):
    if isinstance(mapping, dict):
        return int(mapping["target"])
    return int(str(mapping).split("/")[0].rsplit(":", 1)[-1])


def check_compose(path, names, port_defaults, problems):
    text = path.read_text(encoding="utf-8")
    for name in sorted(set(NAME.findall(re.sub(r"#.*", "", text))) - names - COMPOSE_ONLY):
        problems.append(f"{path.name}: {name} is not read by the server")
    for service_name, service in yaml.safe_load(text)["services"].items():
        if "agentmail" not in str(service.get("image", "")):
            continue
        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.split("=", 1) for item in environment)
        listening = {int(environment[name]) if name in environment else port for name, port in port_defaults.items()}
        for mapping in service.get("ports", []):
            if container_port(mapping) not in listening:
                problems.append(f"{path.name}: {service_name} publishes {mapping}, where the server does not listen")


def check_image(names, problems):
    pom = (ROOT / "app/pom.xml").read_text(encoding="utf-8")
    environment = re.search(r"<environment>(.*?)</environment>", pom, re.S).group(1)
    for name in sorted(set(re.findall(r"<(AGENTMAIL_[A-Z0-9_]+)>", environment)) - names):
        problems.append(f"app/pom.xml: the image sets {name}, which the server does not read")


def check_with_compose(path, problems):
    # podman-compose (1.0 in Debian 12) has no `config`.
    tool = shutil.which("docker-compose")
    if tool is None:
        print(f"check-compose: no docker-compose here; {path.name} checked by this script only")
        return
    # Placeholders for the values the files require from the operator.
    env = {"PATH": "/usr/bin:/bin", "AGENTMAIL_DB_PASSWORD": "check", "AGENTMAIL_BOOTSTRAP_KEY": "inai_check",
           "AGENTMAIL_ADMIN_TOKEN": "check-operator-token"}
    result = subprocess.run([tool, "-f", str(path), "config"], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        problems.append(f"{path.name}: docker-compose config failed: {result.stderr.strip()}")


def main():
    names, port_defaults = server_settings()
    if not port_defaults:
        sys.exit("check-compose: found no AGENTMAIL_*_PORT default in the server's sources; update PORT_DEFAULT")
    problems = []
    check_image(names, problems)
    files = sorted((ROOT / "docker").glob("*.yml"))
    for path in files:
        check_compose(path, names, port_defaults, problems)
        check_with_compose(path, problems)
    for problem in problems:
        print("check-compose: " + problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"check-compose: {', '.join(p.name for p in files)} and the image use only settings and ports the server has")


if __name__ == "__main__":
    main()
