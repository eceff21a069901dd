#!/usr/bin/env bash
# Starts the Spark master or a worker of the lab's docker cluster (docker-compose.yml).
#
# Writes $SPARK_HOME/conf/spark-defaults.conf — the lab's spark/spark-defaults.conf plus the secret from
# $SSP_CLUSTER_SECRET — readable by the container's user only, then runs Spark's own daemon class. The
# daemons read that file at start; so does every spark-submit run later in the container.
set -euo pipefail

role="${1:?usage: spark-daemon.sh master|worker}"
if [[ -z "${SSP_CLUSTER_SECRET:-}" ]]; then
  echo "spark-daemon: SSP_CLUSTER_SECRET is empty: the cluster refuses to start without a secret (see docs/cluster.md)" >&2
  exit 2
fi
# Bind the container's own address unless told otherwise: reachable on the compose network only.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-$(hostname -i | awk '{print $1}')}"

conf_dir="${SPARK_CONF_DIR:-$SPARK_HOME/conf}"
mkdir -p "$conf_dir"
umask 077
{
  cat /opt/ssp/spark/spark-defaults.conf
  printf '\n# Added by docker/spark-daemon.sh from $SSP_CLUSTER_SECRET\nspark.authenticate.secret %s\n' "$SSP_CLUSTER_SECRET"
} > "$conf_dir/spark-defaults.conf"

case "$role" in
  master)
    exec "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
      --host "$SPARK_LOCAL_IP" --port 7077 --webui-port 8081
    ;;
  worker)
    exec "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
      --host "$SPARK_LOCAL_IP" --webui-port 8082 \
      --cores "${SSP_WORKER_CORES:-4}" --memory "${SSP_WORKER_MEMORY:-4g}" \
      "${SSP_MASTER_URL:-spark://spark-master:7077}"
    ;;
  *)
    echo "spark-daemon: unknown role '$role': use master or worker" >&2
    exit 2
    ;;
esac
