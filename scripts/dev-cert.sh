#!/usr/bin/env bash
# A development certificate for serving the proxy over HTTPS on a LAN, so a phone can reach it:
#   scripts/dev-cert.sh [--out DIR] [NAME-OR-IP ...]
# e.g. scripts/dev-cert.sh mylaptop.local 192.168.1.20
#
# Makes, with openssl, in DIR (default data/tls, which git ignores):
#   dev-ca.pem    a self-signed development CA: install THIS on the phone (docs/mobile.md)
#   dev-ca.key    its private key: keep it here, never copy it anywhere
#   dev-cert.pem  the proxy's certificate (ST_TLS_CERT), signed by the CA, with the CA after it
#   dev-key.pem   the proxy's key (ST_TLS_KEY)
# The certificate names localhost, 127.0.0.1, ::1, this machine's host name and every name or IP
# given. A CA rather than one self-signed certificate, because iOS offers "full trust" only to
# CAs and Android trusts only CAs from its user store. An existing CA is reused, so a phone that
# trusts it keeps trusting a re-made certificate (for a new IP, say).
set -euo pipefail

out=data/tls
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) names+=("$1"); shift ;;
  esac
done

command -v openssl >/dev/null || { echo "dev-cert: openssl is needed (apt-get install openssl)" >&2; exit 1; }
mkdir -p "$out"
chmod 700 "$out"

host=$(hostname 2>/dev/null || true)
sans="DNS:localhost,IP:127.0.0.1,IP:::1"
[ -n "$host" ] && [ "$host" != localhost ] && sans="$sans,DNS:$host"
for name in "${names[@]}"; do
  if [[ "$name" =~ ^[0-9.]+$ || "$name" == *:* ]]; then sans="$sans,IP:$name"; else sans="$sans,DNS:$name"; fi
done

if [ ! -f "$out/dev-ca.pem" ] || [ ! -f "$out/dev-ca.key" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/CN=st-proxy development CA ($host)" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$out/dev-ca.key" -out "$out/dev-ca.pem" 2>/dev/null
  echo "dev-cert: made a new development CA: $out/dev-ca.pem"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=${names[0]:-localhost}" -keyout "$out/dev-key.pem" -out "$tmp/request.csr" 2>/dev/null
cat > "$tmp/extensions.cnf" <<CNF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$sans
CNF
# 825 days: the longest validity iOS accepts for a TLS server certificate.
openssl x509 -req -in "$tmp/request.csr" -CA "$out/dev-ca.pem" -CAkey "$out/dev-ca.key" \
  -CAcreateserial -CAserial "$tmp/ca.srl" -days 825 -sha256 -extfile "$tmp/extensions.cnf" \
  -out "$tmp/leaf.pem" 2>/dev/null
cat "$tmp/leaf.pem" "$out/dev-ca.pem" > "$out/dev-cert.pem"
chmod 600 "$out/dev-key.pem" "$out/dev-ca.key"

echo "dev-cert: $out/dev-cert.pem for ${sans//,/ }"
echo "Start the proxy on the LAN with:"
echo "  ST_HOST=0.0.0.0 ST_TLS_CERT=$out/dev-cert.pem ST_TLS_KEY=$out/dev-key.pem npm start"
echo "and install $out/dev-ca.pem on the phone (docs/mobile.md, \"Trusting the certificate\")."
