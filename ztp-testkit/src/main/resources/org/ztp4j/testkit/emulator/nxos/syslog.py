"""The syslog module as a POAP script meets it on the switch, for running POAP scripts on a test
machine. Test code only. NX-OS's Python has syslog (Cisco's POAP script, datacenter/nexus9000
nx-os/poap/poap.py, imports it unconditionally and logs every line with syslog.syslog); Jython has
none. This stand-in records each message in the device's state folder, one line each in 'syslog':
'<priority> <message>'.

With EMULATOR_NO_SYSLOG set it is absent, as in a Python without it: importing it raises
ImportError."""
import os

if os.environ.get("EMULATOR_NO_SYSLOG"):
    raise ImportError("No module named syslog")

# The values of the C library and of CPython's module.
LOG_EMERG, LOG_ALERT, LOG_CRIT, LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG = range(8)
LOG_KERN, LOG_USER, LOG_MAIL, LOG_DAEMON, LOG_AUTH = 0, 8, 16, 24, 32
LOG_LOCAL0, LOG_LOCAL7 = 128, 184
LOG_PID, LOG_CONS, LOG_NDELAY = 1, 2, 8


def openlog(ident=None, logoption=0, facility=LOG_USER):
    pass


def closelog():
    pass


def setlogmask(mask):
    return 0xff


def syslog(priority, message=None):
    if message is None:
        priority, message = LOG_INFO, priority
    with open(os.path.join(os.environ.get("EMULATOR_DIR", "."), "syslog"), "a") as log:
        log.write("%d %s\n" % (priority, message))
