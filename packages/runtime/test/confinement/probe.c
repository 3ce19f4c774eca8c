/*
 * Confinement probe, compiled with `gcc -static` by confinement.test.ts and run inside
 * containers. Each argument names one attempt; for each it prints "<name> ok" or
 * "<name> <errno name>" on its own line. Attempts that need a target take it after a colon
 * (ptrace_attach:<pid>, read_block:<major>:<minor>).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *errname(int e) {
  switch (e) {
  case EPERM: return "EPERM";
  case ENOSYS: return "ENOSYS";
  case EACCES: return "EACCES";
  case EROFS: return "EROFS";
  case ESRCH: return "ESRCH";
  case ENOENT: return "ENOENT";
  case EINVAL: return "EINVAL";
  case EOPNOTSUPP: return "EOPNOTSUPP";
  case ENODEV: return "ENODEV";
  case ENXIO: return "ENXIO";
  case EIO: return "EIO";
  default: return "EOTHER";
  }
}

/* -1 with errno set on failure, anything else on success. */
static long attempt(const char *name, const char *arg) {
  if (!strcmp(name, "keyctl")) /* KEYCTL_GET_KEYRING_ID of the session keyring, creating it */
    return syscall(SYS_keyctl, 0, -3, 1);
  if (!strcmp(name, "add_key"))
    return syscall(SYS_add_key, "user", "berth-probe", "x", 1, -2 /* process keyring */);
  if (!strcmp(name, "bpf")) {
    union bpf_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.map_type = BPF_MAP_TYPE_ARRAY;
    attr.key_size = 4;
    attr.value_size = 4;
    attr.max_entries = 1;
    return syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr);
  }
  if (!strcmp(name, "perf_event_open")) {
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_SOFTWARE;
    attr.config = PERF_COUNT_SW_CPU_CLOCK;
    attr.disabled = 1;
    return syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
  }
  if (!strcmp(name, "userfaultfd"))
    return syscall(SYS_userfaultfd, O_CLOEXEC);
  if (!strcmp(name, "io_uring_setup")) {
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    return syscall(SYS_io_uring_setup, 1, &p);
  }
  if (!strcmp(name, "clone3")) {
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.exit_signal = SIGCHLD;
    long pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid == 0) _exit(0);
    if (pid > 0) waitpid((pid_t)pid, NULL, 0);
    return pid;
  }
  if (!strcmp(name, "unshare_user")) { /* in a child: the probe itself stays where it is */
    pid_t pid = fork();
    if (pid == 0) _exit(unshare(CLONE_NEWUSER) == 0 ? 0 : errno);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0) return -1;
    errno = WIFEXITED(status) ? WEXITSTATUS(status) : EIO;
    return errno == 0 ? 0 : -1;
  }
  if (!strcmp(name, "mount_tmpfs")) {
    mkdir("/tmp/probe-mnt", 0700);
    return mount("none", "/tmp/probe-mnt", "tmpfs", 0, "size=1m");
  }
  if (!strcmp(name, "raw_socket"))
    return socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
  if (!strcmp(name, "ptrace_attach"))
    return ptrace(PTRACE_ATTACH, (pid_t)atoi(arg ? arg : "0"), NULL, NULL);
  if (!strcmp(name, "kcore")) { /* reads the ELF magic of the kernel's memory image */
    int fd = open("/proc/kcore", O_RDONLY);
    if (fd < 0) return -1;
    char magic[4];
    ssize_t n = read(fd, magic, 4);
    close(fd);
    if (n == 4 && !memcmp(magic, "\x7f" "ELF", 4)) return 0;
    errno = n < 0 ? errno : EIO;
    return -1;
  }
  if (!strcmp(name, "read_block")) { /* mknod a block device, then read its first sector */
    unsigned maj = 0, min = 0;
    if (!arg || sscanf(arg, "%u:%u", &maj, &min) != 2) { errno = EINVAL; return -1; }
    unlink("/tmp/probe-blk");
    if (mknod("/tmp/probe-blk", S_IFBLK | 0600, makedev(maj, min)) < 0) return -1;
    int fd = open("/tmp/probe-blk", O_RDONLY);
    if (fd < 0) return -1;
    char sector[512];
    ssize_t n = read(fd, sector, sizeof sector);
    close(fd);
    return n == (ssize_t)sizeof sector ? 0 : -1;
  }
  if (!strcmp(name, "write_proc_sys")) { /* a UTS-namespaced sysctl: harmless to the host */
    int fd = open("/proc/sys/kernel/domainname", O_WRONLY);
    if (fd < 0) return -1;
    ssize_t n = write(fd, "berth-probe\n", 12);
    close(fd);
    return n;
  }
  if (!strcmp(name, "write_sys")) { /* the container's own loopback: harmless to the host */
    int fd = open("/sys/class/net/lo/mtu", O_WRONLY);
    if (fd < 0) return -1;
    ssize_t n = write(fd, "65536\n", 6);
    close(fd);
    return n;
  }
  errno = EINVAL;
  return -1;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    char *name = strdup(argv[i]);
    char *arg = strchr(name, ':');
    if (arg) *arg++ = '\0';
    errno = 0;
    long r = attempt(name, arg);
    printf("%s %s\n", name, r < 0 ? errname(errno) : "ok");
    fflush(stdout);
    free(name);
  }
  return 0;
}
