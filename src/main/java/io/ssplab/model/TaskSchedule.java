package io.ssplab.model;

/**
 * How long a stage's tasks take on the free slots, simulated: Spark launches the tasks in partition
 * order, each on the first slot that is free; a task's work is what it takes alone on an idle slot.
 *
 * <p>A wait needs no CPU, so every running task progresses at full speed. CPU work shares the
 * machine's cores: with {@code k} tasks running on {@code c < k} cores, each progresses at {@code c / k}
 * of its speed (the operating system time-slices them fairly), so 7 tasks on 2 cores take 3.5 times as
 * long as one. With equal tasks and a wait this is the lesson's {@code waves × records per partition};
 * with a hot partition its task sets the end of its wave.
 */
public final class TaskSchedule {
    private TaskSchedule() {
    }

    /**
     * @param work  each task's work, in partition order (records, or ms on an idle core: the unit comes back)
     * @param slots tasks that can run at once (free task slots)
     * @param cores CPU cores they share; {@code Double.POSITIVE_INFINITY} for a wait (no CPU needed)
     * @return when the last task ends, in the unit of {@code work}
     */
    public static double makespan(double[] work, int slots, double cores) {
        if (slots < 1) throw new IllegalArgumentException("no free slot to run on");
        if (!(cores > 0)) throw new IllegalArgumentException("CPU cores must be positive, got " + cores);
        int n = work.length;
        double[] left = new double[slots];
        boolean[] busy = new boolean[slots];
        int next = 0;
        int running = 0;
        double time = 0;
        while (true) {
            for (int s = 0; s < slots && next < n; s++) {
                if (!busy[s]) {
                    left[s] = Math.max(0, work[next++]);
                    busy[s] = true;
                    running++;
                }
            }
            if (running == 0) return time;
            double rate = Math.min(1, cores / running);
            double step = Double.POSITIVE_INFINITY;
            for (int s = 0; s < slots; s++) if (busy[s]) step = Math.min(step, left[s] / rate);
            time += step;
            for (int s = 0; s < slots; s++) {
                if (!busy[s]) continue;
                left[s] -= step * rate;
                if (left[s] <= 1e-9 * Math.max(1, step)) {
                    busy[s] = false;
                    running--;
                }
            }
        }
    }
}
