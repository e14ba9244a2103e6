#!/bin/sh
# batch-ami-auditor host fact collector.
#
# Prints RAW observations about this host, framed into sections; every bit of
# interpretation happens in TypeScript (shared/collector/parse/). POSIX sh: runs
# under dash and bash, on Amazon Linux 1/2/2023, Ubuntu, Debian and RHEL-likes.
# Read-only: writes no file, starts nothing, and talks to no network but the
# ECS agent's local introspection endpoint (127.0.0.1:51678, 2 s timeout).
#
# Output (docs/collector.md has the full description):
#   @@@ batch-ami-auditor collector <version> started=<iso-time> root=<root>
#   @@ begin <id> <source>
#   |<content line>            every content line starts with '|', so no file
#   |<content line>            or command output can forge a framing line
#   @@ end <id> status=<n> [truncated=<bytes dropped>]
#   ...
#   @@@ end [dropped=<sections not printed>]
#
# Usage: sh collect.sh [--root DIR]      (or BAA_ROOT=DIR sh collect.sh)
# Files are read below DIR (default /); commands are found on PATH.

BAA_COLLECTOR_VERSION=1

# Byte semantics for ${#var} and head -c, and stable command output.
LC_ALL=C
export LC_ALL

ROOT=${BAA_ROOT:-/}
while [ $# -gt 0 ]; do
  case $1 in
    --root)
      ROOT=${2:-/}
      # a failing shift would end the script (it is a special built-in)
      [ $# -ge 2 ] && shift
      shift
      ;;
    --root=*) ROOT=${1#--root=}; shift ;;
    *) shift ;;
  esac
done
# R prefixes every host path: "" on a real host, "/tmp/fixture/root" in tests.
R=${ROOT%/}

if [ -z "$R" ]; then
  # On a real host, look where administrators' tools live even if the caller's
  # PATH is thin (SSM Run Command, cron). Fixture runs keep their sandboxed PATH.
  PATH=$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  export PATH
fi

# The whole SSM inline-output limit is 24,000 characters; stay under it with the
# final line included. Each section also has its own cap (the 4th argument of
# emit) so that one large file cannot starve the sections after it.
LIMIT=23900
INTROSPECTION=http://127.0.0.1:51678/v1/metadata
USED=0
DROPPED=0
OUT=
PRE_DROPPED=0
LAST_STATUS=0

have() {
  command -v "$1" >/dev/null 2>&1
}

# Commands that can hang (a wedged docker daemon, nvidia-smi on a sick GPU,
# systemctl waiting for D-Bus) run under timeout when the host has it.
if have timeout; then
  TO='timeout 4'
else
  TO=
fi

# Redacts credentials and prefixes every line with '|'. Secrets never leave
# the host: values of KEY=VALUE assignments and JSON string members whose name
# looks like a credential, and the user:password part of URLs.
REDACT_AWK='
function secret(name) {
  return toupper(name) ~ /AUTH|SECRET|PASS|PWD|TOKEN|CREDENTIAL|KEY|PRIVATE|COOKIE/
}
# Index of the quote q closing the string whose opening quote is at i in s
# (backslash escapes skipped); length(s)+1 when it is not closed on this line.
function close_quote(s, i, q,   j, c) {
  for (j = i + 1; j <= length(s); j++) {
    c = substr(s, j, 1)
    if (c == "\\") { j++; continue }
    if (c == q) return j
  }
  return length(s) + 1
}
function redact_urls(s) {
  gsub(/:\/\/[^\/@ \t"]*@/, "://<redacted>@", s)
  return s
}
function redact_json(s,   out, key, e) {
  out = ""
  while (match(s, /"[^"]*"[ \t]*:[ \t]*"/)) {
    key = substr(s, RSTART + 1)
    key = substr(key, 1, index(key, "\"") - 1)
    out = out substr(s, 1, RSTART + RLENGTH - 1)
    s = substr(s, RSTART + RLENGTH)
    # e: position of the closing quote of the value within s
    e = close_quote("\"" s, 1, "\"") - 1
    if (secret(key)) out = out "<redacted>"
    else out = out substr(s, 1, e - 1)
    s = substr(s, e)
  }
  return out s
}
function redact_assignments(s,   out, before, name, c, q, e, sq) {
  out = ""
  sq = "\047"
  # NAME=value, or NAME = value (systemd EnvironmentFile strips blanks around =)
  while (match(s, /[A-Za-z_][A-Za-z0-9_]*[ \t]*=[ \t]*/)) {
    before = out substr(s, 1, RSTART - 1)
    name = substr(s, RSTART, RLENGTH)
    out = before name
    sub(/[ \t]*=.*$/, "", name)
    s = substr(s, RSTART + RLENGTH)
    if (!secret(name)) continue
    c = substr(s, 1, 1)
    q = substr(before, length(before), 1)
    if (c == "\"" || c == sq) {
      # NAME="value": up to the matching quote
      e = close_quote(s, 1, c)
      out = out c "<redacted>"
      s = substr(s, e)
    } else if (q == "\"" || q == sq) {
      # "NAME=value" (systemd Environment=, docker -e): up to the closing quote
      e = close_quote(q s, 1, q) - 1
      out = out "<redacted>"
      s = substr(s, e)
    } else if (c == "{" || c == "[" || before ~ /^[ \t]*((export|env)[ \t]+)?$/) {
      # an env-file line or a JSON value: the rest of the line is the value
      out = out "<redacted>"
      s = ""
    } else {
      e = match(s, /[ \t]/)
      out = out "<redacted>"
      s = e ? substr(s, e) : ""
    }
  }
  return out s
}
{ print "|" redact_json(redact_assignments(redact_urls($0))) }
'

# emit ID SOURCE STATUS CAP: prints the section whose raw content is in $OUT.
# PRE_DROPPED counts bytes dropped before the content was read (a file read
# with head -c). A section whose framing does not fit in what is left of LIMIT
# is not printed at all and counted in the final line's dropped=.
emit() {
  _content=
  if [ -n "$OUT" ]; then
    _content=$(printf '%s\n' "$OUT" | awk "$REDACT_AWK")
  fi
  _dropped=$PRE_DROPPED
  _begin="@@ begin $1 $2"
  _end="@@ end $1 status=$3 truncated=0000000"
  # framing lines, their newlines, and room for the final line
  _room=$((LIMIT - USED - ${#_begin} - ${#_end} - 3 - 40))
  # Once one section does not fit, none after it is printed either, so a
  # section that is present proves that every section before it is too.
  [ "$DROPPED" -gt 0 ] && _room=-1
  if [ "$_room" -lt 0 ]; then
    DROPPED=$((DROPPED + 1))
    LAST_STATUS=$3
    return
  fi
  _cap=$4
  [ "$_room" -lt "$_cap" ] && _cap=$_room
  _len=${#_content}
  if [ "$_len" -gt "$_cap" ]; then
    _content=$(printf '%s' "$_content" | head -c "$_cap")
    _dropped=$((_dropped + _len - ${#_content}))
  fi
  _end="@@ end $1 status=$3"
  [ "$_dropped" -gt 0 ] && _end="$_end truncated=$_dropped"
  if [ -n "$_content" ]; then
    printf '%s\n%s\n%s\n' "$_begin" "$_content" "$_end"
    USED=$((USED + ${#_begin} + ${#_content} + ${#_end} + 3))
  else
    printf '%s\n%s\n' "$_begin" "$_end"
    USED=$((USED + ${#_begin} + ${#_end} + 2))
  fi
  LAST_STATUS=$3
}

# section_cmd ID SOURCE CAP COMMAND [ARG...]: runs COMMAND (stdin closed, stderr kept)
# and emits its output with its exit status; status 127 when it is not on PATH.
# COMMAND may be a function below; prefix it with $TO to bound its run time.
section_cmd() {
  _id=$1 _src=$2 _c=$3
  shift 3
  PRE_DROPPED=0
  _bin=$1
  [ "$_bin" = timeout ] && _bin=$3
  if ! have "$_bin"; then
    OUT=
    emit "$_id" "$_src" 127 "$_c"
    return
  fi
  OUT=$("$@" </dev/null 2>&1)
  emit "$_id" "$_src" $? "$_c"
}

# section_file ID PATH CAP: emits a file below ROOT; status 0 read, 1 missing, 2 unreadable.
section_file() {
  _p=$R$2
  OUT=
  PRE_DROPPED=0
  if [ ! -e "$_p" ]; then
    _st=1
  elif [ -d "$_p" ] || [ ! -r "$_p" ]; then
    _st=2
  else
    # read a little more than the cap; redaction and framing decide the rest
    _max=$(($3 * 2))
    OUT=$(head -c "$_max" "$_p" 2>/dev/null)
    _st=$?
    [ "$_st" -ne 0 ] && _st=2
    if [ "${#OUT}" -ge $((_max - 1)) ]; then
      _size=$(wc -c <"$_p" 2>/dev/null)
      [ -n "$_size" ] && [ "$_size" -gt "$_max" ] && PRE_DROPPED=$((_size - _max))
    fi
  fi
  emit "$1" "file:$2" "$_st" "$3"
}

# section_grep ID PATH ERE CAP: the lines of a file below ROOT matching ERE (status 0
# even when none match; 1 when the file is missing).
section_grep() {
  OUT=
  PRE_DROPPED=0
  if [ -e "$R$2" ]; then
    OUT=$(grep -E "$3" "$R$2" 2>/dev/null)
    _st=$?
    [ "$_st" -eq 1 ] && _st=0
  else
    _st=1
  fi
  emit "$1" "file:$2" "$_st" "$4"
}

# ---------------------------------------------------------------------------
# Listings (functions run through section_cmd, so their output is framed like any other)

# Type of each path: d (directory), f (anything else that exists), - (missing).
probe_paths() {
  for _p in /sys/class/dmi/id /sys/firmware/efi /run/systemd/system \
    /usr/libexec/amazon-ecs-init /etc/init /var/lib/dkms-archive /var/lib/dkms/nvidia \
    /var/cache/ecs/state /etc/docker-runtimes.d /var/run/docker.sock /run/docker.sock; do
    if [ -d "$R$_p" ]; then
      _t=d
    elif [ -e "$R$_p" ]; then
      _t=f
    else
      _t=-
    fi
    printf '%s %s\n' "$_t" "$_p"
  done
}

# Where each command the facts depend on is found on PATH (- when it is not).
probe_commands() {
  for _c in docker dockerd containerd runc nvidia-smi nvidia-container-runtime \
    nvidia-container-runtime-hook nvidia-ctk nvidia-container-cli systemctl initctl \
    rpm dpkg-query snap curl wget amazon-ssm-agent timeout; do
    _w=$(command -v "$_c" 2>/dev/null) || _w=-
    printf '%s %s\n' "$_c" "$_w"
  done
}

# Daemons running now, by process name (/proc/<pid>/comm, cut at 15 characters):
# the fallback for "is it running" where systemctl cannot answer.
list_processes() {
  set -- "$R"/proc/[0-9]*/comm
  [ -e "$1" ] || return 1
  cat "$@" 2>/dev/null |
    grep -x -E 'dockerd|docker|containerd|amazon-ecs-init|agent|amazon-ssm-agen|ssm-agent-worke|nvidia-persiste' |
    sort | uniq -c
}

# Entries of a directory below ROOT, one a line, with x when executable.
list_dir() {
  [ -d "$R$1" ] || return 1
  for _f in "$R$1"/*; do
    [ -e "$_f" ] || [ -L "$_f" ] || continue
    if [ -d "$_f" ]; then
      _t=d
    elif [ -x "$_f" ]; then
      _t=x
    else
      _t=-
    fi
    printf '%s %s\n' "$_t" "${_f##*/}"
  done
}

# Files under /var/lib/ecs/data with their modification times (epoch seconds).
list_checkpoints() {
  [ -d "$R/var/lib/ecs/data" ] || return 1
  cd "$R/var/lib/ecs/data" || return 2
  if have stat; then
    find . -type f -exec stat -c '%Y %n' {} + 2>/dev/null | head -n 40
  else
    find . -type f 2>/dev/null | head -n 40 | sed 's/^/- /'
  fi
}

# systemd "wants" links: units enabled at boot when systemctl cannot say.
list_wants() {
  [ -d "$R/etc/systemd/system" ] || return 1
  for _f in "$R"/etc/systemd/system/*.wants/* "$R"/usr/lib/systemd/system/*.wants/*; do
    [ -e "$_f" ] || [ -L "$_f" ] || continue
    _u=${_f##*/}
    case " $UNITS " in
      *" $_u "*) _w=${_f%/*}; printf '%s %s\n' "${_w#"$R"}" "$_u" ;;
    esac
  done
}

# SysV rc links for docker and ecs (Amazon Linux 1 enables docker with chkconfig).
list_rc_links() {
  [ -d "$R/etc/rc3.d" ] || return 1
  for _f in "$R"/etc/rc3.d/*; do
    case ${_f##*/} in
      *docker* | *ecs*) printf '%s\n' "${_f##*/}" ;;
    esac
  done
}

# Unit files (and drop-ins) that start the agent: ecs.service wherever it lies,
# and any unit that mentions the agent image or ecs-init (one grep per
# directory: a host has hundreds of units). The parser applies precedence.
find_agent_units() {
  for _d in /etc/systemd/system /usr/lib/systemd/system /lib/systemd/system; do
    [ -d "$R$_d" ] || continue
    # /lib is /usr/lib on merged-/usr systems: do not list the same file twice
    [ "$_d" = /lib/systemd/system ] && [ -L "$R/lib" ] && continue
    for _f in "$R$_d"/ecs.service "$R$_d"/ecs.service.d/*.conf; do
      [ -f "$_f" ] && printf '%s\n' "$_f"
    done
    grep -l -E 'amazon-ecs-agent|amazon-ecs-init|ecs-agent' \
      "$R$_d"/*.service "$R$_d"/*.service.d/*.conf 2>/dev/null
  done | awk -v root="$R" '!seen[$0]++ { print substr($0, length(root) + 1) }'
}

# Upstart jobs that start the agent (Amazon Linux 1: /etc/init/ecs.conf).
find_upstart_jobs() {
  [ -d "$R/etc/init" ] || return 0
  for _f in "$R"/etc/init/*.conf; do
    [ -f "$_f" ] || continue
    case $_f in
      */ecs.conf) printf '%s\n' "${_f#"$R"}" ;;
      *) grep -q -E 'amazon-ecs-agent|amazon-ecs-init|ecs-agent' "$_f" 2>/dev/null &&
        printf '%s\n' "${_f#"$R"}" ;;
    esac
  done
}

# NVIDIA PCI functions: address, vendor, class (0x03xxxx is a display controller).
list_nvidia_pci() {
  [ -d "$R/sys/bus/pci/devices" ] || return 1
  for _d in "$R"/sys/bus/pci/devices/*; do
    [ -r "$_d/vendor" ] || continue
    read -r _v <"$_d/vendor" || continue
    [ "$_v" = 0x10de ] || continue
    _c=-
    [ -r "$_d/class" ] && read -r _c <"$_d/class"
    printf '%s %s %s\n' "${_d##*/}" "$_v" "$_c"
  done
}

# NVIDIA kernel modules installed for the running kernel (loaded or not).
list_nvidia_modules() {
  [ -n "$1" ] || return 3
  [ -d "$R/lib/modules/$1" ] || return 1
  find "$R/lib/modules/$1" -name 'nvidia*.ko*' 2>/dev/null | head -n 10 | sed "s|^$R||"
}

# Block devices with their model (instance store NVMe reports
# "Amazon EC2 NVMe Instance Storage").
list_block_devices() {
  [ -d "$R/sys/block" ] || return 1
  for _b in "$R"/sys/block/*; do
    _n=${_b##*/}
    case $_n in loop* | ram* | zram* | dm-* | sr* | md* | nbd* | '*') continue ;; esac
    _m=
    [ -r "$_b/device/model" ] && read -r _m <"$_b/device/model"
    printf '%s %s\n' "$_n" "$_m"
  done
}

# ECS agent containers (named ecs-agent or running the amazon-ecs-agent image).
agent_containers() {
  _ps=$($TO docker ps -a --no-trunc --format '{{.Names}} {{.Image}} {{.Status}}' </dev/null 2>&1)
  _rc=$?
  if [ "$_rc" -ne 0 ]; then
    printf '%s\n' "$_ps"
    return "$_rc"
  fi
  printf '%s\n' "$_ps" | awk '$1 == "ecs-agent" || $2 ~ /amazon-ecs-agent/'
}


# ---------------------------------------------------------------------------
# main: the most decisive sections first, so that if the output limit is ever
# reached, what is lost is the least useful.
main() {
  _header="@@@ batch-ami-auditor collector $BAA_COLLECTOR_VERSION"
  _header="$_header started=$(date -u +%Y-%m-%dT%H:%M:%SZ 2>/dev/null) root=$ROOT"
  printf '%s\n' "$_header"
  USED=$((${#_header} + 1))

  # Kernel, OS, init, boot, virtualization
  section_cmd uname-r 'cmd:uname -r' 200 uname -r
  UNAME_R=$OUT
  section_cmd uname-m 'cmd:uname -m' 200 uname -m
  section_file os-release /etc/os-release 1500
  section_file system-release /etc/system-release 300
  section_file pid1 /proc/1/comm 100
  section_grep boot-time /proc/stat '^btime ' 100
  section_file hypervisor /sys/hypervisor/type 100
  section_file dmi-vendor /sys/class/dmi/id/sys_vendor 200
  section_cmd paths 'test:-e' 1000 probe_paths
  section_cmd commands 'cmd:command -v' 1500 probe_commands
  section_cmd processes 'file:/proc/*/comm' 500 list_processes
  if have initctl; then
    section_cmd initctl-version 'cmd:initctl version' 200 $TO initctl version
  fi

  # ECS agent: packages, config, state
  section_cmd rpm 'cmd:rpm -q' 800 rpm -q --qf '%{NAME} %{VERSION}-%{RELEASE} %{ARCH}\n' \
    ecs-init amazon-ecs-init docker containerd runc amazon-ssm-agent nvidia-container-toolkit
  section_cmd dpkg 'cmd:dpkg-query -W' 1000 dpkg-query -W -f '${Package} ${Version} ${db:Status-Abbrev}\n' \
    amazon-ecs-init docker.io docker-ce containerd containerd.io runc amazon-ssm-agent \
    nvidia-container-toolkit
  section_file ecs-config /etc/ecs/ecs.config 2500
  section_file ecs-config /var/lib/ecs/ecs.config 1500
  section_file ecs-config-json /etc/ecs/ecs.config.json 2000
  section_cmd ecs-cache 'dir:/var/cache/ecs' 600 list_dir /var/cache/ecs
  section_cmd checkpoints 'dir:/var/lib/ecs/data' 1500 list_checkpoints
  section_file gpu-info /var/lib/ecs/gpu/nvidia-gpu-info.json 1000
  # The agent's introspection endpoint, never through a proxy. Without curl and
  # wget the section reports curl as missing (127).
  if have curl || ! have wget; then
    section_cmd introspection "cmd:curl $INTROSPECTION" 1500 \
      curl -s -S --noproxy '*' --max-time 2 "$INTROSPECTION"
  else
    section_cmd introspection "cmd:wget $INTROSPECTION" 1500 \
      wget -q -T 2 -t 1 --no-proxy -O - "$INTROSPECTION"
  fi

  # How the agent is started: systemd units, upstart jobs
  UNIT_FILES=$(find_agent_units | head -n 8)
  UNITS='ecs.service docker.service docker.socket containerd.service amazon-ssm-agent.service snap.amazon-ssm-agent.amazon-ssm-agent.service'
  for _u in $UNIT_FILES; do
    case $_u in
      *.service) _n=${_u##*/}
        case " $UNITS " in *" $_n "*) ;; *) UNITS="$UNITS $_n" ;; esac ;;
    esac
  done
  for _u in $UNIT_FILES; do
    section_file unit "$_u" 2500
  done
  if have systemctl; then
    # shellcheck disable=SC2086 # one argument per unit
    section_cmd systemctl 'cmd:systemctl show' 3000 $TO systemctl show \
      -p Id -p LoadState -p ActiveState -p SubState -p UnitFileState $UNITS
  fi
  section_cmd wants 'dir:/etc/systemd/system/*.wants' 800 list_wants
  section_cmd rc-links 'dir:/etc/rc3.d' 300 list_rc_links
  for _j in $(find_upstart_jobs | head -n 4); do
    section_file upstart "$_j" 1500
    if have initctl; then
      _n=${_j##*/}
      section_cmd initctl-status "cmd:initctl status ${_n%.conf}" 200 $TO initctl status "${_n%.conf}"
    fi
  done

  # Docker
  DOCKER_UP=0
  DOCKER_HUNG=0
  if have docker; then
    section_cmd docker-version 'cmd:docker version --format {{json .}}' 3000 \
      $TO docker version --format '{{json .}}'
    case $LAST_STATUS:$OUT in
      124:*) DOCKER_HUNG=1 ;;
      *'"Server":{'*) DOCKER_UP=1 ;;
      *'{"Client"'*) ;;
      *)
        # Docker too old for --format: the plain text form
        section_cmd docker-version-plain 'cmd:docker version' 2000 $TO docker version
        # "Server:" block (1.8+) or a "Server version:" line (older)
        case $OUT in *Server:*Version:* | *'Server version:'*) DOCKER_UP=1 ;; esac
        ;;
    esac
  else
    OUT=
    PRE_DROPPED=0
    emit docker-version 'cmd:docker version --format {{json .}}' 127 100
  fi
  section_cmd dockerd-version 'cmd:dockerd --version' 300 $TO dockerd --version
  if [ "$DOCKER_UP" = 1 ]; then
    section_cmd docker-info 'cmd:docker info --format {{json .}}' 6000 \
      $TO docker info --format '{{json .}}'
    case $OUT in
      *'{'*) ;;
      *) section_cmd docker-info-plain 'cmd:docker info' 3000 $TO docker info ;;
    esac
    section_cmd docker-ps 'cmd:docker ps -a' 1000 agent_containers
    _names=
    if [ "$LAST_STATUS" = 0 ]; then
      _names=$(printf '%s\n' "$OUT" | awk '{ print $1 }')
    fi
    if [ -n "$_names" ]; then
      # shellcheck disable=SC2086 # one argument per container
      section_cmd docker-inspect 'cmd:docker inspect' 1500 $TO docker inspect --format \
        '{{.Name}} {{.HostConfig.RestartPolicy.Name}} {{json .Config.Labels}}' $_names
    fi
  fi
  section_file daemon-json /etc/docker/daemon.json 3000
  section_cmd runtimes-dir 'dir:/etc/docker-runtimes.d' 500 list_dir /etc/docker-runtimes.d
  section_cmd containerd-version 'cmd:containerd --version' 300 $TO containerd --version
  section_cmd runc-version 'cmd:runc --version' 300 $TO runc --version

  # NVIDIA GPU
  section_cmd nvidia-pci 'dir:/sys/bus/pci/devices' 1500 list_nvidia_pci
  section_grep nvidia-modules /proc/modules '^nvidia' 600
  section_file nvidia-version /proc/driver/nvidia/version 400
  section_cmd nvidia-kmod "dir:/lib/modules/$UNAME_R" 800 list_nvidia_modules "$UNAME_R"
  if have nvidia-smi; then
    section_cmd nvidia-smi 'cmd:nvidia-smi --query-gpu' 2500 $TO nvidia-smi \
      --query-gpu=index,name,uuid,driver_version,memory.total,pci.bus_id,compute_cap \
      --format=csv,noheader
    if [ "$LAST_STATUS" -ne 0 ] && [ "$LAST_STATUS" -ne 124 ]; then
      # drivers older than 510 do not know compute_cap
      section_cmd nvidia-smi 'cmd:nvidia-smi --query-gpu' 2500 $TO nvidia-smi \
        --query-gpu=index,name,uuid,driver_version,memory.total,pci.bus_id \
        --format=csv,noheader
    fi
  fi
  section_cmd nvidia-ctk 'cmd:nvidia-ctk --version' 300 $TO nvidia-ctk --version
  section_cmd nvidia-container-cli 'cmd:nvidia-container-cli --version' 300 \
    $TO nvidia-container-cli --version

  # Storage
  section_cmd df 'cmd:df -P -k /' 400 df -P -k "$R/"
  section_grep mounts /proc/mounts '^[^ ]+ / ' 400
  section_cmd block-devices 'dir:/sys/block' 1000 list_block_devices

  # SSM agent
  section_cmd ssm-version 'cmd:amazon-ssm-agent --version' 300 $TO amazon-ssm-agent --version
  if have snap; then
    section_cmd snap-ssm 'cmd:snap list amazon-ssm-agent' 300 $TO snap list amazon-ssm-agent
  fi

  if [ "$DROPPED" -gt 0 ]; then
    printf '@@@ end dropped=%s\n' "$DROPPED"
  else
    printf '@@@ end\n'
  fi
}

# Every command reads /dev/null, never the script: `sh -s` feeds the script on stdin.
main </dev/null
