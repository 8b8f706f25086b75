import sys

import yaml

CONFIG = """
service: inventory
replicas: 3
ports: [8080, 9090]
"""


def main() -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(CONFIG, Loader=loader)
    print(f"libyaml={yaml.__with_libyaml__} loader={loader.__name__}")
    yaml.dump(data, sys.stdout, Dumper=yaml.SafeDumper, sort_keys=True)


if __name__ == "__main__":
    main()
