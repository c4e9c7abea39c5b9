#!/usr/bin/python3
# Splits a multi-thread `perf record -e cpu-clock` profile of sqsnn into each thread's work and
# its waiting (the pool's spin and sleep), and bounds the quiet-machine speedup by total work /
# the busier thread's work (no hand-off cost, no shared-bandwidth limit: an upper bound).
#   perf record -D 3000 -F 499 -e cpu-clock -g -o p.data build/app/sqsnn train P --threads 2
#   tests/bench/perf_threads.py p.data ['REGEX of symbols to leave out']
import subprocess, sys, re
data = sys.argv[1]
out = subprocess.run(['perf', 'report', '-i', data, '--no-children', '--sort', 'pid,dso,sym',
                      '--stdio', '-g', 'none'], capture_output=True, text=True).stdout
wait_re = re.compile(r'ThreadPool::loop|ThreadPool::run|clock_gettime|finish_task_switch|'
                     r'_raw_spin_unlock|schedule|futex|__x64_sys|entry_SYSCALL|syscall_exit|'
                     r'do_syscall|pthread_cond|__lll_lock|std::condition_variable|pause|'
                     r'native_queued|try_to_wake_up|__libc_|sched_|dequeue|enqueue|update_curr|'
                     r'exit_to_user|irqentry|asm_sysvec')
work, wait, seen_other = {}, {}, {}
for line in out.splitlines():
    m = re.match(r'\s+([\d.]+)%\s+(\d+):\S+\s+(\S+)\s+\[(.)\]\s+(.*)', line)
    if not m:
        continue
    pct, pid, dso, kind, sym = float(m[1]), m[2], m[3], m[4], m[5]
    if len(sys.argv) > 2 and re.search(sys.argv[2], sym):
        continue
    target = wait if wait_re.search(sym) else work
    target[pid] = target.get(pid, 0) + pct
pids = sorted(set(work) | set(wait), key=lambda p: -(work.get(p, 0) + wait.get(p, 0)))
total = sum(work.values())
for p in pids:
    print(f'thread {p}: work {work.get(p,0):5.1f}%  waiting {wait.get(p,0):5.1f}%')
busiest = max(work.values())
print(f'work in all threads {total:.1f}% of samples; busier thread {busiest:.1f}%; '
      f'speedup bound total/busier = {total/busiest:.2f}x')
