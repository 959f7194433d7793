#!/usr/bin/env python3
"""What CI can check of infra/ without Docker or the Bicep compiler: the compose file parses and points at files that
exist, every path the Dockerfile copies is in the build context, and the Bicep files are well formed (balanced
brackets, every declared parameter used, every resource with an API version)."""
import pathlib, re, sys
import yaml

root = pathlib.Path(__file__).resolve().parent.parent
infra = root / "infra"
errors = []

compose = yaml.safe_load((infra / "compose.yaml").read_text(encoding="utf-8"))
for name in ("sqlserver", "web", "worker"):
    if name not in compose.get("services", {}):
        errors.append(f"compose.yaml: service '{name}' missing")
for name, service in compose.get("services", {}).items():
    build = service.get("build")
    if build:
        context = (infra / build["context"]).resolve()
        if not (context / build["dockerfile"]).is_file():
            errors.append(f"compose.yaml: {name} builds from a Dockerfile that does not exist")

for line in (infra / "Dockerfile").read_text(encoding="utf-8").splitlines():
    m = re.match(r"^COPY\s+(?!--from)(.+)$", line.strip())
    if m:
        for source in m.group(1).split()[:-1]:
            if not (root / source).exists():
                errors.append(f"Dockerfile copies '{source}', which is not in the build context")

for bicep in sorted((infra / "azure").glob("*.bicep")):
    text = bicep.read_text(encoding="utf-8")
    code = re.sub(r"//.*|'(?:[^'\\]|\\.)*'", "", text)
    for open_, close in ("{}", "[]", "()"):
        if code.count(open_) != code.count(close):
            errors.append(f"{bicep.name}: unbalanced {open_}{close}")
    for param in re.findall(r"^param\s+(\w+)", text, re.M):
        if len(re.findall(rf"\b{param}\b", text)) < 2:
            errors.append(f"{bicep.name}: parameter '{param}' is declared but not used")
    for resource in re.findall(r"^resource\s+\w+\s+'([^']+)'", text, re.M):
        if not re.search(r"@\d{4}-\d{2}-\d{2}(-preview)?$", resource):
            errors.append(f"{bicep.name}: resource type '{resource}' has no API version")
for params in sorted((infra / "azure").glob("*.bicepparam")):
    target = re.search(r"^using\s+'([^']+)'", params.read_text(encoding="utf-8"), re.M)
    if not target or not (params.parent / target.group(1)).is_file():
        errors.append(f"{params.name}: 'using' does not name an existing Bicep file")

print("\n".join(errors) or "infra: compose, Dockerfile and Bicep checks passed")
sys.exit(1 if errors else 0)
