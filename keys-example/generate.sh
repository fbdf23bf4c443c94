#!/usr/bin/env bash
# Regenerates the DEMO PKI in this folder with OpenSSL. Every key made here is public: demos and tests only.
# Usage: keys-example/generate.sh   (from anywhere; rewrites keys-example/ in place)
set -euo pipefail
cd "$(dirname "$0")"
OUT=$(pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Certificates are valid from 2025-01-01 for 20 years, so tests do not start failing as the demo ages.
START=20250101000000Z
END=20450101000000Z

rm -rf ca gateway facility-nagoya probation-nagoya 230006 231002 252018 moj-stats auditor test

mkdir -p ca "$WORK/db/newcerts"
touch "$WORK/db/index.txt"
echo 1000 > "$WORK/db/serial"
echo 1000 > "$WORK/db/crlnumber"

cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = demo
[ demo ]
dir = $WORK/db
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
crlnumber = \$dir/crlnumber
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
default_crl_days = 7300
[ anything ]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ participant_rsa ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation, keyEncipherment
extendedKeyUsage = emailProtection, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://pki.tsunagi.example/demo-ca.crl
[ participant_ec ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation, keyAgreement
extendedKeyUsage = emailProtection, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://pki.tsunagi.example/demo-ca.crl
[ participant_ed25519 ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tls_server ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

ca() { openssl ca -batch -config "$WORK/ca.cnf" -notext "$@" 2>/dev/null; }

# --- CA (self-signed, valid from 2019 so the "expired" test certificate has a valid issuer at its own time)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out ca/key.pem 2>/dev/null
openssl req -new -key ca/key.pem -subj "/C=JP/O=Tsunagi DEMO/CN=Tsunagi DEMO CA (public key, not for production)" \
  -config "$WORK/ca.cnf" -out "$WORK/ca.csr"
ca -selfsign -keyfile ca/key.pem -in "$WORK/ca.csr" -extensions v3_ca -startdate 20190101000000Z -enddate $END -out ca/cert.pem

# issue DIR CN PROFILE KEYKIND [START END]: a key (PKCS#8 PEM) and a certificate signed by the demo CA
issue() {
  local dir=$1 cn=$2 profile=$3 kind=$4 start=${5:-$START} end=${6:-$END} keyfile=${7:-key.pem} certfile=${8:-cert.pem}
  mkdir -p "$dir"
  if [ "$kind" = rsa ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$dir/$keyfile" 2>/dev/null
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/$keyfile" 2>/dev/null
  fi
  openssl req -new -key "$dir/$keyfile" -subj "/C=JP/O=Tsunagi DEMO/CN=$cn" -config "$WORK/ca.cnf" -out "$WORK/req.csr"
  ca -cert ca/cert.pem -keyfile ca/key.pem -in "$WORK/req.csr" -extensions "$profile" -startdate "$start" -enddate "$end" -out "$dir/$certfile"
}

# sftp_key DIR COMMENT: the participant's OpenSSH key for the SFTP inbox
sftp_key() { ssh-keygen -q -t ed25519 -N '' -C "$2" -f "$1/sftp_ed25519"; }

# --- Participants (DESIGN.md "Demo participants"): both RSA and P-256 keys are represented
issue facility-nagoya  facility-nagoya  participant_rsa rsa
issue probation-nagoya probation-nagoya participant_ec  ec
issue 230006           230006           participant_rsa rsa
issue 231002           231002           participant_ec  ec
issue 252018           252018           participant_rsa rsa
issue moj-stats        moj-stats        participant_ec  ec
issue auditor          auditor          participant_ec  ec
for p in facility-nagoya probation-nagoya 230006 231002 252018 moj-stats auditor; do sftp_key "$p" "$p@tsunagi-demo"; done

# --- Test-only participants: one revoked, one expired, and one signed by a CA nobody trusts
issue test/revoked facility-revoked participant_rsa rsa
issue test/expired facility-expired participant_ec  ec 20200101000000Z 20210101000000Z
# An Ed25519 participant, to test EdDSA client tokens (only signing: Ed25519 cannot encrypt).
mkdir -p test/ed25519
openssl genpkey -algorithm ED25519 -out test/ed25519/key.pem
openssl req -new -key test/ed25519/key.pem -subj "/C=JP/O=Tsunagi DEMO/CN=facility-ed25519" -config "$WORK/ca.cnf" -out "$WORK/req.csr"
ca -cert ca/cert.pem -keyfile ca/key.pem -in "$WORK/req.csr" -extensions participant_ed25519 -startdate "$START" -enddate "$END" -out test/ed25519/cert.pem
ca -cert ca/cert.pem -keyfile ca/key.pem -revoke test/revoked/cert.pem -crl_reason keyCompromise
mkdir -p test/rogue-ca
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out test/rogue-ca/key.pem
openssl req -new -x509 -key test/rogue-ca/key.pem -subj "/C=JP/O=Rogue/CN=Rogue CA" -days 7300 -out test/rogue-ca/cert.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out test/rogue-ca/participant-key.pem
openssl req -new -key test/rogue-ca/participant-key.pem -subj "/C=JP/O=Rogue/CN=facility-nagoya" -out "$WORK/rogue.csr"
openssl x509 -req -in "$WORK/rogue.csr" -CA test/rogue-ca/cert.pem -CAkey test/rogue-ca/key.pem -CAcreateserial \
  -days 7300 -sha256 -out test/rogue-ca/participant-cert.pem 2>/dev/null
rm -f test/rogue-ca/cert.srl

# --- The gateway
issue gateway tsunagi-gateway participant_rsa rsa "$START" "$END" encryption-key.pem encryption-cert.pem
issue gateway tsunagi-gateway participant_ec  ec  "$START" "$END" signing-key.pem signing-cert.pem
issue gateway localhost       tls_server      ec  "$START" "$END" tls-key.pem tls-cert.pem
openssl genpkey -algorithm ED25519 -out gateway/checkpoint-ed25519.pem
openssl pkey -in gateway/checkpoint-ed25519.pem -pubout -out gateway/checkpoint-ed25519.pub.pem
openssl pkcs12 -export -in gateway/tls-cert.pem -inkey gateway/tls-key.pem -certfile ca/cert.pem \
  -name tls -passout pass:changeit -out gateway/tls.p12
ssh-keygen -q -t ed25519 -N '' -C tsunagi-gateway-sftp-host -f gateway/sftp_host_ed25519

# --- CRL (next update in 20 years: a demo CRL must not go stale under the tests)
ca -gencrl -cert ca/cert.pem -keyfile ca/key.pem -out ca/crl.pem
openssl crl -in ca/crl.pem -outform DER -out ca/crl.der

chmod 644 */*.pem */*/*.pem 2>/dev/null || true
echo "demo PKI written to $OUT"
