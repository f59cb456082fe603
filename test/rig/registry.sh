# shellcheck shell=bash
# The rig's image registry: `rig.sh registry`, also run by `up-docker` and `up-bench`. Debian's
# docker-registry (the CNCF distribution registry) on the rig gateway at 10.213.0.1:5443 with TLS
# (a CA the rig makes; each Docker machine trusts it through /etc/docker/certs.d) and htpasswd
# auth (user crossdock, a random password kept in .state/registry/password). Storage, certs,
# config, log and pid live in .state/registry/. Idempotent: certs and password are reused, the
# server is started only when it does not answer. Sourced by rig.sh (log, die, GATEWAY, STATE_DIR).

REGISTRY_PORT=5443
REGISTRY_ADDRESS="$GATEWAY:$REGISTRY_PORT"
REGISTRY_USER=crossdock
REGISTRY_DIR="$STATE_DIR/registry"
REGISTRY_WAIT_SECONDS=20

# Makes the CA and the server certificate (IP SAN = the gateway) unless both exist.
registry_certs() {
  local dir=$REGISTRY_DIR/certs
  [[ -s $dir/ca.crt && -s $dir/server.crt && -s $dir/server.key ]] && return
  mkdir -p "$dir"
  log "registry: making a CA and a certificate for $GATEWAY"
  {
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=crossdock rig CA' \
      -keyout "$dir/ca.key" -out "$dir/ca.crt"
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$GATEWAY" \
      -keyout "$dir/server.key" -out "$dir/server.csr"
    printf 'subjectAltName=IP:%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$GATEWAY" >"$dir/ext.cnf"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
      -days 3650 -extfile "$dir/ext.cnf" -out "$dir/server.crt"
  } >"$REGISTRY_DIR/certs.log" 2>&1 || { show_tail "$REGISTRY_DIR/certs.log"; die "registry: openssl failed"; }
  chmod 600 "$dir"/*.key
}

# A random password, made once; htpasswd (bcrypt) made from it.
registry_password() {
  if [[ ! -s $REGISTRY_DIR/password ]]; then
    (umask 077 && openssl rand -hex 16 >"$REGISTRY_DIR/password")
  fi
  if [[ ! -s $REGISTRY_DIR/htpasswd || $REGISTRY_DIR/password -nt $REGISTRY_DIR/htpasswd ]]; then
    (umask 077 && htpasswd -Bbn "$REGISTRY_USER" "$(cat "$REGISTRY_DIR/password")" >"$REGISTRY_DIR/htpasswd")
  fi
}

registry_config() {
  cat >"$REGISTRY_DIR/config.yml" <<YAML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDRESS
  tls:
    certificate: $REGISTRY_DIR/certs/server.crt
    key: $REGISTRY_DIR/certs/server.key
auth:
  htpasswd:
    realm: crossdock-rig
    path: $REGISTRY_DIR/htpasswd
YAML
}

# 401 without credentials means the server is up, with TLS and auth.
registry_answers() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 --cacert "$REGISTRY_DIR/certs/ca.crt" \
    "https://$REGISTRY_ADDRESS/v2/" 2>/dev/null || true)"
  [[ $code == 401 ]]
}

ensure_registry() {
  mkdir -p "$REGISTRY_DIR/data"
  registry_certs
  registry_password
  registry_config
  if registry_answers; then
    log "registry: answers at https://$REGISTRY_ADDRESS"
    return
  fi
  local pid_file=$REGISTRY_DIR/pid
  if [[ -s $pid_file ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    kill "$(cat "$pid_file")" 2>/dev/null || true
  fi
  log "registry: starting docker-registry at $REGISTRY_ADDRESS (log in $REGISTRY_DIR/registry.log)"
  nohup setsid docker-registry serve "$REGISTRY_DIR/config.yml" >"$REGISTRY_DIR/registry.log" 2>&1 </dev/null 9>&- &
  echo $! >"$pid_file"
  local deadline=$((SECONDS + REGISTRY_WAIT_SECONDS))
  until registry_answers; do
    if ((SECONDS >= deadline)); then
      show_tail "$REGISTRY_DIR/registry.log"
      die "registry: no answer at https://$REGISTRY_ADDRESS within ${REGISTRY_WAIT_SECONDS}s"
    fi
    sleep 0.3
  done
  log "registry: answers at https://$REGISTRY_ADDRESS"
}

# Makes machine NAME's engine trust the rig CA for the registry (read on each pull: no restart).
trust_registry() {
  local name=$1 dir="/etc/docker/certs.d/$REGISTRY_ADDRESS"
  docker exec -i "$name" sh -c "mkdir -p '$dir' && cat >'$dir/ca.crt'" <"$REGISTRY_DIR/certs/ca.crt"
}

# The registry's JSON object for the `up-docker` line.
registry_json() {
  printf '{"address": "%s", "username": "%s", "password": "%s", "caPath": "%s"}' \
    "$REGISTRY_ADDRESS" "$REGISTRY_USER" "$(cat "$REGISTRY_DIR/password")" "$REGISTRY_DIR/certs/ca.crt"
}

cmd_registry() {
  cmd_install
  ensure_network
  ensure_registry
  registry_json
  echo
}
