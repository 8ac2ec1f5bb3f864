package org.ztp4j.tftp.bench;

import java.lang.reflect.Method;

/**
 * Reads the platform MXBeans by reflection: the test sources are compiled into the
 * {@code org.ztp4j.tftp} module, which does not read {@code java.management}, but they run on the
 * class path, where the beans are there to call.
 */
final class Mx {

    private static final Object MEMORY;
    private static final Method HEAP_USAGE;
    private static final Method USED;
    private static final Object THREADS;
    private static final Method PEAK_THREADS;
    private static final Object DIRECT_POOL;
    private static final Method POOL_USED;

    static {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            MEMORY = factory.getMethod("getMemoryMXBean").invoke(null);
            HEAP_USAGE = Class.forName("java.lang.management.MemoryMXBean").getMethod("getHeapMemoryUsage");
            USED = Class.forName("java.lang.management.MemoryUsage").getMethod("getUsed");
            THREADS = factory.getMethod("getThreadMXBean").invoke(null);
            PEAK_THREADS = Class.forName("java.lang.management.ThreadMXBean").getMethod("getPeakThreadCount");
            Class<?> poolType = Class.forName("java.lang.management.BufferPoolMXBean");
            Object direct = null;
            for (Object pool : (java.util.List<?>) factory.getMethod("getPlatformMXBeans", Class.class).invoke(null, poolType)) {
                if ("direct".equals(poolType.getMethod("getName").invoke(pool))) {
                    direct = pool;
                }
            }
            DIRECT_POOL = direct;
            POOL_USED = poolType.getMethod("getMemoryUsed");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Mx() {
    }

    /** @return heap bytes in use now (MemoryMXBean) */
    static long heapUsed() {
        try {
            return (long) USED.invoke(HEAP_USAGE.invoke(MEMORY));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return bytes of direct buffers in use now (the "direct" BufferPoolMXBean), or 0 if none */
    static long directUsed() {
        try {
            return DIRECT_POOL == null ? 0 : (long) POOL_USED.invoke(DIRECT_POOL);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the most live threads the JVM has had (ThreadMXBean) */
    static long peakThreads() {
        try {
            return ((Number) PEAK_THREADS.invoke(THREADS)).longValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
