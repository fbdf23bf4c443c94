#!/usr/bin/env bash
# The DEMO PKI in this folder, made with OpenSSL. Every key made here is public: demos and tests only.
# Usage (from anywhere; works in place on keys-example/):
#   generate.sh [all]                 remakes the whole demo PKI (new CA, every key and certificate)
#   generate.sh add <id> [ec|rsa]     issues a key, certificate and SFTP key for one new participant in <id>/
#   generate.sh renew <id>            a new key and certificate beside the current ones (<id>/key-<serial>.pem,
#                                     cert-<serial>.pem); the old certificate stays valid, for the overlap
#   generate.sh revoke <id> [cert-file] [reason]
#                                     revokes <id>/cert.pem (or <id>/<cert-file>) and reissues ca/crl.pem (crl.der)
#   generate.sh crl                   reissues the CRL only
# add, renew and revoke leave every other file alone. They use the CA database in ca/db/ (index.txt, serial,
# crlnumber); when it is missing it is rebuilt from the certificates in this folder and the current CRL.
set -euo pipefail
cd "$(dirname "$0")"
OUT=$(pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=ca/db
CMD=${1:-all}

# Certificates are valid from 2025-01-01 for 20 years, so tests do not start failing as the demo ages.
START=20250101000000Z
END=20450101000000Z

mkdir -p "$WORK/newcerts"
cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = demo
[ demo ]
dir = $OUT/$DB
database = \$dir/index.txt
new_certs_dir = $WORK/newcerts
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

# openssl ca is chatty on stderr: show it only when it fails.
ca() { openssl ca -batch -config "$WORK/ca.cnf" -notext "$@" 2>"$WORK/ca.err" || { cat "$WORK/ca.err" >&2; return 1; }; }

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

# asn1_time "Jan  1 00:00:00 2045 GMT": the time as the CA database writes it (UTCTime before 2050)
asn1_time() {
  if [ "$(date -u -d "$1" +%Y)" -lt 2050 ]; then date -u -d "$1" +%y%m%d%H%M%SZ; else date -u -d "$1" +%Y%m%d%H%M%SZ; fi
}

# next_hex N: N+1 in upper-case hex with an even number of digits, as openssl reads serial and crlnumber files
next_hex() { local h; h=$(printf '%X' $(( $1 + 1 ))); [ $(( ${#h} % 2 )) -eq 0 ] || h="0$h"; echo "$h"; }

# rebuild_db: a CA database consistent with what this folder holds (certificates the demo CA issued, revocations
# on the current CRL), for a checkout that has the PKI but not the database
rebuild_db() {
  mkdir -p "$DB"
  local ca_subject f issuer serial end subject max=0 seen=" " revoked line
  ca_subject=$(openssl x509 -in ca/cert.pem -noout -subject -nameopt compat); ca_subject=${ca_subject#subject=}
  # serial|revocation date|reason for each entry of the current CRL
  revoked=$(openssl crl -in ca/crl.pem -noout -text | awk '
    /Serial Number:/ { s = $3; order[++n] = s }
    /Revocation Date:/ { sub(/.*Revocation Date: */, ""); d[s] = $0 }
    /CRL Reason Code:/ { getline; gsub(/^ +| +$/, ""); r[s] = $0 }
    END { for (i = 1; i <= n; i++) print order[i] "|" d[order[i]] "|" r[order[i]] }')
  : > "$DB/index.txt"
  for f in ca/cert.pem */cert.pem */cert-*.pem gateway/*-cert.pem test/*/cert.pem; do
    [ -f "$f" ] || continue
    issuer=$(openssl x509 -in "$f" -noout -issuer -nameopt compat); issuer=${issuer#issuer=}
    [ "$issuer" = "$ca_subject" ] || continue
    serial=$(openssl x509 -in "$f" -noout -serial); serial=${serial#serial=}
    case "$seen" in *" $serial "*) continue ;; esac
    seen="$seen$serial "
    [ $(( 16#$serial )) -gt "$max" ] && max=$(( 16#$serial ))
    end=$(openssl x509 -in "$f" -noout -enddate); end=$(asn1_time "${end#notAfter=}")
    subject=$(openssl x509 -in "$f" -noout -subject -nameopt compat); subject=${subject#subject=}
    line=$(printf '%s\n' "$revoked" | grep "^$serial|" || true)
    if [ -n "$line" ]; then
      local when reason
      when=$(asn1_time "$(echo "$line" | cut -d'|' -f2)")
      reason=$(crl_reason_name "$(echo "$line" | cut -d'|' -f3)")
      printf 'R\t%s\t%s\t%s\tunknown\t%s\n' "$end" "$when${reason:+,$reason}" "$serial" "$subject" >> "$DB/index.txt"
    else
      printf 'V\t%s\t\t%s\tunknown\t%s\n' "$end" "$serial" "$subject" >> "$DB/index.txt"
    fi
  done
  next_hex "$max" > "$DB/serial"
  local crlnumber; crlnumber=$(openssl crl -in ca/crl.pem -noout -crlnumber); crlnumber=${crlnumber#crlNumber=}
  next_hex "$(( crlnumber ))" > "$DB/crlnumber"
  echo "CA database rebuilt in $DB from the certificates here and ca/crl.pem" >&2
}

# crl_reason_name "Key Compromise": the name the CA database uses
crl_reason_name() {
  case "$1" in
    "") ;;
    "Unspecified") echo unspecified ;;
    "Key Compromise") echo keyCompromise ;;
    "CA Compromise") echo CACompromise ;;
    "Affiliation Changed") echo affiliationChanged ;;
    "Superseded") echo superseded ;;
    "Cessation Of Operation") echo cessationOfOperation ;;
    "Certificate Hold") echo certificateHold ;;
    "Remove From CRL") echo removeFromCRL ;;
    *) echo "unknown CRL reason on ca/crl.pem: $1" >&2; return 1 ;;
  esac
}

# gencrl: the CA's CRL from its database (next update in 20 years: a demo CRL must not go stale under the tests)
gencrl() {
  ca -gencrl -cert ca/cert.pem -keyfile ca/key.pem -out ca/crl.pem
  openssl crl -in ca/crl.pem -outform DER -out ca/crl.der
  chmod 644 ca/crl.pem ca/crl.der
}

need_db() { [ -f "$DB/index.txt" ] || rebuild_db; }

# participant ID: refuses a name that is not a plain participant id (it becomes a folder name)
participant() {
  [[ "${1:-}" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] || { echo "not a participant id: '${1:-}'" >&2; exit 2; }
  case "$1" in ca|gateway|test) echo "'$1' is not a participant" >&2; exit 2 ;; esac
}

full() {
  rm -rf ca gateway facility-nagoya probation-nagoya 230006 231002 252018 moj-stats auditor test

  mkdir -p ca "$DB"
  touch "$DB/index.txt"
  echo 1000 > "$DB/serial"
  echo 1000 > "$DB/crlnumber"

  # --- CA (self-signed, valid from 2019 so the "expired" test certificate has a valid issuer at its own time)
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out ca/key.pem 2>/dev/null
  openssl req -new -key ca/key.pem -subj "/C=JP/O=Tsunagi DEMO/CN=Tsunagi DEMO CA (public key, not for production)" \
    -config "$WORK/ca.cnf" -out "$WORK/ca.csr"
  ca -selfsign -keyfile ca/key.pem -in "$WORK/ca.csr" -extensions v3_ca -startdate 20190101000000Z -enddate $END -out ca/cert.pem

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

  gencrl

  chmod 644 */*.pem */*/*.pem 2>/dev/null || true
  echo "demo PKI written to $OUT"
}

# key_kind CERT: rsa or ec, the kind of key a renewal keeps
key_kind() {
  case "$(openssl x509 -in "$1" -noout -text | grep -m1 'Public Key Algorithm')" in
    *rsaEncryption*) echo rsa ;;
    *id-ecPublicKey*) echo ec ;;
    *) echo "$1: only RSA and EC participants can be renewed here" >&2; exit 2 ;;
  esac
}

case "$CMD" in
  all)
    full ;;
  add)
    id=${2:-}; kind=${3:-ec}
    participant "$id"
    case "$kind" in ec|rsa) ;; *) echo "key kind must be ec or rsa, not '$kind'" >&2; exit 2 ;; esac
    [ ! -e "$id" ] || { echo "$id/ exists already: use renew" >&2; exit 1; }
    need_db
    issue "$id" "$id" "participant_$kind" "$kind"
    sftp_key "$id" "$id@tsunagi-demo"
    chmod 644 "$id"/*.pem
    echo "$id: certificate (serial $(openssl x509 -in "$id/cert.pem" -noout -serial | cut -d= -f2)) in $OUT/$id/cert.pem" ;;
  renew)
    id=${2:-}
    participant "$id"
    [ -f "$id/cert.pem" ] || { echo "$id/cert.pem not found: use add" >&2; exit 1; }
    need_db
    serial=$(cat "$DB/serial")
    kind=$(key_kind "$id/cert.pem")
    # valid from an hour ago (clock skew) for 20 years; the old certificate is left valid until revoked
    issue "$id" "$id" "participant_$kind" "$kind" "$(date -u -d '-1 hour' +%Y%m%d%H%M%SZ)" \
      "$(date -u -d '+20 years' +%Y%m%d%H%M%SZ)" "key-$serial.pem" "cert-$serial.pem"
    chmod 644 "$id"/*.pem
    echo "$id: new certificate in $OUT/$id/cert-$serial.pem (key-$serial.pem); $id/cert.pem stays valid until revoked"
    echo "for the overlap, list both in participants.yaml: certificates: [$id/cert.pem, $id/cert-$serial.pem]" ;;
  revoke)
    id=${2:-}; file=${3:-cert.pem}; reason=${4:-unspecified}
    participant "$id"
    [[ "$file" =~ ^[A-Za-z0-9._-]+$ && -f "$id/$file" ]] || { echo "$id/$file not found" >&2; exit 1; }
    need_db
    ca -cert ca/cert.pem -keyfile ca/key.pem -revoke "$id/$file" -crl_reason "$reason"
    gencrl
    echo "$id/$file revoked ($reason); CRL reissued: $OUT/ca/crl.pem, crl.der" ;;
  crl)
    need_db
    gencrl
    echo "CRL reissued: $OUT/ca/crl.pem, crl.der" ;;
  *)
    sed -n '3,12p' "$0" >&2
    exit 2 ;;
esac
