package io.sendguard.e2e.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * SMTP throughput of real James servers started one after the other in the same run, on the same
 * machine, with the same load: stock James (no Sendguard, no signing), stock James with James's own
 * DKIMSign (RSA-2048), and Sendguard's pipeline in several variants. Each server gets a warm-up, then N
 * small plain-text mails from an authenticated sender over C parallel SMTP connections; it reports the
 * acceptance rate (SMTP) and the delivery rate (until the next hop has all N), and ratios to stock.
 * With {@code BENCH_MODE=interleaved} all variants run at once and get their batches in turn instead
 * (see {@link #interleaved}); N is then the batch size.
 *
 * <pre>
 * ./bench/throughput.sh [mails=400] [connections=4] [rounds=3]
 * BENCH_MODE=interleaved BENCH_JAMES_CPUS=1 BENCH_WARMUP=8000 ./bench/throughput.sh 1000 4 10
 * </pre>
 */
public final class ThroughputBenchmark {
    static final String ALICE = "alice@example.com";
    static final String PASSWORD = "bench-pw";
    static final String BOB = "bob@partner.example";

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Map<String, UnaryOperator<SendguardConf>> variants = new LinkedHashMap<>();
        variants.put(STOCK, ThroughputBenchmark::stock);
        variants.put("stock James + James DKIMSign rsa-2048", c -> jamesDkimSign(stock(c)));
        variants.put("stock James + Sendguard DkimSign ed25519 only", c -> onlyKey(sendguardDkimSign(stock(c)), "s2026"));
        variants.put("stock James + Sendguard DkimSign rsa-2048 only", c -> onlyKey(sendguardDkimSign(stock(c)), "ed2026"));
        variants.put("stock James + Sendguard DkimSign ed25519, ed25519Recheck on", c -> onlyKey(withEd25519Recheck(sendguardDkimSign(stock(c))), "s2026"));
        variants.put("Sendguard inspection + dual signing (no hold)", ThroughputBenchmark::noHold);
        variants.put("Sendguard inspection + ed25519 only (no hold)", c -> onlyKey(noHold(c), "s2026"));
        variants.put("Sendguard inspection unsigned (no hold)", c -> unsigned(noHold(c)));
        variants.put("Sendguard full pipeline (hold 0s + notice, dual signing)", c -> c.withHoldDelay("0"));
        // -Dbench.only=text[,text...] runs only the variants whose name contains one of the texts (and stock)
        List<String> only = java.util.Arrays.stream(System.getProperty("bench.only", "").split(","))
            .map(String::trim).filter(t -> !t.isEmpty()).collect(java.util.stream.Collectors.toList());
        variants.keySet().removeIf(name -> !only.isEmpty() && only.stream().noneMatch(name::contains)
            && !name.equals(STOCK));

        if ("interleaved".equals(System.getProperty("bench.mode", ""))) {
            interleaved(variants, mails, connections, rounds);
            return;
        }
        // rounds: every variant once per round, stock first, so that each ratio compares runs made
        // minutes apart on this noisy machine; the medians over the rounds are reported
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            double[] stock = null;
            for (Map.Entry<String, UnaryOperator<SendguardConf>> variant : variants.entrySet()) {
                // "%v" in the JVM options (e.g. a JFR file name) becomes the variant's number, one file per variant
                System.setProperty("sendguard.james.jvmArgs", JVM_ARGS.replace("%v", Integer.toString(new ArrayList<>(variants.keySet()).indexOf(variant.getKey()) + 1)));
                double[] result = run(variant.getValue(), mails, connections);
                if (stock == null) {
                    stock = result;
                }
                double[] row = {result[0], result[1], result[0] / stock[0], result[1] / stock[1], result[2], stock[2] / result[2]};
                results.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(row);
                System.out.println(String.format(Locale.ROOT, "round %d  %-58s accepted %7.1f msg/s (%5.2f x stock)   delivered %7.1f msg/s (%5.2f x stock)   James CPU %6.2f ms/mail (capacity %5.2f x stock)",
                    round, variant.getKey(), row[0], row[2], row[1], row[3], row[4], row[5]));
            }
        }
        System.out.println();
        System.out.println("Summary (" + mails + " mails, " + connections + " connections, " + rounds + " rounds, "
            + Runtime.getRuntime().availableProcessors() + " cores; medians over the rounds; ratios to stock James in the same round):");
        System.out.println("| variant | accepted msg/s | x stock | delivered msg/s | x stock | delivered x stock per round | James CPU ms/mail | capacity x stock | capacity per round |");
        System.out.println("|---|---:|---:|---:|---:|---|---:|---:|---|");
        for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
            List<double[]> rows = entry.getValue();
            StringBuilder perRound = new StringBuilder();
            StringBuilder capacityPerRound = new StringBuilder();
            for (double[] row : rows) {
                perRound.append(perRound.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", row[3]));
                capacityPerRound.append(capacityPerRound.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", row[5]));
            }
            System.out.println(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %.2f | %s | %.2f | %.2f | %s |", entry.getKey(),
                median(rows, 0), median(rows, 2), median(rows, 1), median(rows, 3), perRound, median(rows, 4), median(rows, 5),
                capacityPerRound));
        }
    }

    static final String STOCK = "stock James (no Sendguard, unsigned)";

    /** One variant's James, running for the whole interleaved run, with its own sink. */
    private static final class Server implements AutoCloseable {
        final String name;
        final SmtpSink sink;
        final JamesProcess james;
        final SendguardConf conf;
        final List<double[]> rows = new ArrayList<>();
        final Map<String, Double> threadCpu = new java.util.TreeMap<>();

        Server(String name, UnaryOperator<SendguardConf> variant) throws Exception {
            this.name = name;
            Path work = Files.createTempDirectory("sendguard-bench");
            this.sink = SmtpSink.start();
            this.conf = variant.apply(SendguardConf.copyOfShipped(work.resolve("conf"), sink.port()));
            this.james = JamesProcess.in(work, conf).start();
            new WebAdmin(conf.webAdminPort).createUser(ALICE, PASSWORD);
        }

        /** Sends mails and waits for the sink to have them all: {msg/s accepted, msg/s delivered, James CPU ms/mail}. */
        double[] batch(int mails, int connections, String tag) throws Exception {
            sink.clear();
            double cpuBefore = cpuSeconds(james.pid());
            Map<String, Double> threadsBefore = THREAD_CPU ? threadCpuSeconds(james.pid()) : Map.of();
            long start = System.nanoTime();
            send(conf.submissionPort, mails, connections, tag);
            double acceptedSeconds = (System.nanoTime() - start) / 1e9;
            awaitCount(sink, mails);
            double deliveredSeconds = (System.nanoTime() - start) / 1e9;
            double cpuMsPerMail = (cpuSeconds(james.pid()) - cpuBefore) * 1000 / mails;
            if (THREAD_CPU) {
                threadCpuSeconds(james.pid()).forEach((group, seconds) ->
                    threadCpu.merge(group, seconds - threadsBefore.getOrDefault(group, 0.0), Double::sum));
            }
            sink.clear();
            return new double[] {mails / acceptedSeconds, mails / deliveredSeconds, cpuMsPerMail};
        }

        @Override
        public void close() throws Exception {
            try {
                james.close();
            } finally {
                sink.close();
            }
        }
    }

    /** The James processes of one variant (-Dbench.forks) and its per-round results. */
    private static final class Group {
        final String name;
        final List<Server> forks = new ArrayList<>();
        final List<double[]> rows = new ArrayList<>();

        Group(String name) {
            this.name = name;
        }
    }

    /**
     * -Dbench.mode=interleaved: every variant's James runs for the whole run (all on the same CPUs), each is
     * warmed up, then the rounds send a batch of mails to each in turn (the order rotates from round to
     * round). A round takes seconds, not the minutes a round of restarts takes, so the machine's drift
     * (other tenants, frequency) hits stock and the variants alike, and each ratio compares batches made
     * seconds apart. James's CPU per mail is measured per process; an idle James uses next to none.
     *
     * <p>-Dbench.forks=N (BENCH_FORKS) starts N James processes per variant, stock included: one process keeps
     * its JIT decisions and heap layout for the whole run, and that luck is in all of its rounds (bench/RESULTS.md
     * run 15). A variant's figures in a round are the means over its processes; the per-process medians are
     * printed too.
     */
    static void interleaved(Map<String, UnaryOperator<SendguardConf>> variants, int batch, int connections,
                            int rounds) throws Exception {
        int forks = Math.max(1, Integer.getInteger("bench.forks", 1));
        List<Group> groups = new ArrayList<>();
        List<Server> servers = new ArrayList<>();
        try {
            for (Map.Entry<String, UnaryOperator<SendguardConf>> variant : variants.entrySet()) {
                Group group = new Group(variant.getKey());
                groups.add(group);
                for (int f = 1; f <= forks; f++) {
                    System.setProperty("sendguard.james.jvmArgs", JVM_ARGS.replace("%v", Integer.toString(servers.size() + 1)));
                    Server server = new Server(variant.getKey() + (forks > 1 ? " [process " + f + "]" : ""), variant.getValue());
                    group.forks.add(server);
                    servers.add(server);
                }
            }
            int warmup = WARMUP > 0 ? WARMUP : Math.max(50, batch);
            for (Server server : servers) {
                long start = System.nanoTime();
                server.batch(warmup, connections, "warmup");
                server.threadCpu.clear(); // by thread group: the measured batches only
                System.out.println(String.format(Locale.ROOT, "warm-up %-58s %d mails in %.0f s", server.name, warmup,
                    (System.nanoTime() - start) / 1e9));
            }
            for (int round = 1; round <= rounds; round++) {
                Map<Server, double[]> results = new java.util.HashMap<>();
                for (int k = 0; k < servers.size(); k++) {
                    Server server = servers.get((k + round - 1) % servers.size());
                    double[] r = server.batch(batch, connections, "bench");
                    server.rows.add(r);
                    results.put(server, r);
                }
                double[] stock = mean(groups.get(0).forks, results);
                for (Group group : groups) {
                    double[] r = mean(group.forks, results);
                    double[] row = {r[0], r[1], r[0] / stock[0], r[1] / stock[1], r[2], stock[2] / r[2]};
                    group.rows.add(row);
                    System.out.println(String.format(Locale.ROOT, "round %d  %-58s delivered %7.1f msg/s (%5.2f x stock)   James CPU %6.2f ms/mail (capacity %5.2f x stock)",
                        round, group.name, row[1], row[3], row[4], row[5]));
                }
            }
            System.out.println();
            System.out.println("Summary, interleaved (" + batch + " mails per batch, " + connections + " connections, " + rounds
                + " rounds, " + forks + " James process(es) per variant, warm-up " + warmup
                + " mails; medians over the rounds; ratios to stock James in the same round):");
            System.out.println("| variant | delivered msg/s | x stock | James CPU ms/mail | capacity x stock | capacity per round |");
            System.out.println("|---|---:|---:|---:|---:|---|");
            for (Group group : groups) {
                StringBuilder perRound = new StringBuilder();
                for (double[] row : group.rows) {
                    perRound.append(perRound.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", row[5]));
                }
                System.out.println(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.2f | %.2f | %s |", group.name,
                    median(group.rows, 1), median(group.rows, 3), median(group.rows, 4), median(group.rows, 5), perRound));
            }
            // every batch has the same number of mails: the mean CPU per mail over all batches of all a variant's
            // processes is its total CPU over its total mails, the steadiest single figure (no median of ratios)
            System.out.println();
            System.out.println("Pooled over all rounds and processes (mean James CPU per mail; capacity = stock's / the variant's):");
            double stockPooled = pooledCpu(groups.get(0));
            for (Group group : groups) {
                double pooled = pooledCpu(group);
                System.out.println(String.format(Locale.ROOT, "  %-70s %6.2f ms/mail   capacity %5.2f x stock", group.name,
                    pooled, stockPooled / pooled));
            }
            if (forks > 1) {
                System.out.println();
                System.out.println("James CPU ms/mail per process (median over the rounds):");
                for (Server server : servers) {
                    System.out.println(String.format(Locale.ROOT, "  %-70s %6.2f", server.name, median(server.rows, 2)));
                }
            }
            if (THREAD_CPU) {
                for (Server server : servers) {
                    System.out.println("James CPU per mail by thread group, all rounds: " + server.name);
                    printThreadCpu(Map.of(), server.threadCpu, batch * rounds);
                }
            }
        } finally {
            for (Server server : servers) {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("could not stop " + server.name + ": " + e);
                }
            }
        }
    }

    /** The mean James CPU per mail over every measured batch of a variant's processes. */
    private static double pooledCpu(Group group) {
        double sum = 0;
        int n = 0;
        for (Server server : group.forks) {
            for (double[] row : server.rows) {
                sum += row[2];
                n++;
            }
        }
        return sum / n;
    }

    /** The mean of the processes' results: {msg/s accepted, msg/s delivered, James CPU ms/mail}. */
    private static double[] mean(List<Server> forks, Map<Server, double[]> results) {
        double[] sum = new double[3];
        for (Server server : forks) {
            double[] r = results.get(server);
            for (int i = 0; i < 3; i++) {
                sum[i] += r[i] / forks.size();
            }
        }
        return sum;
    }

    /**
     * CPU time (user + system, all threads) James has used so far, from /proc/PID/stat (Linux; clock ticks
     * of 1/100 s). Unlike msg/s it hardly depends on what else the machine runs: James's CPU per mail is
     * its cost, and stock's CPU per mail divided by a variant's is the variant's capacity relative to stock.
     */
    static double cpuSeconds(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is field 3, utime field 14, stime field 15 (1-based, man 5 proc)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** The JVM options given for James (JAMES_JVM_ARGS), before "%v" is replaced. */
    static final String JVM_ARGS = System.getProperty("sendguard.james.jvmArgs", "");

    /** -Dbench.warmup=N: mails sent before measuring (default half the measured mails, at least 50). */
    static final int WARMUP = Integer.getInteger("bench.warmup", 0);

    /** -Dbench.threads=true: after each variant, James's CPU per mail by thread group (JIT, GC, spool, SMTP...). */
    static final boolean THREAD_CPU = Boolean.getBoolean("bench.threads");

    /**
     * CPU seconds used so far by each group of James's threads, from /proc/PID/task/TID/stat; threads are
     * grouped by name without digits ("spooler-12" and "spooler-3" are one group). Names are the kernel's,
     * cut at 15 characters.
     */
    static Map<String, Double> threadCpuSeconds(long pid) throws java.io.IOException {
        Map<String, Double> groups = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                groups.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0, Double::sum);
            }
        }
        return groups;
    }

    private static void printThreadCpu(Map<String, Double> before, Map<String, Double> after, int mails) {
        after.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) * 1000 / mails))
            .filter(e -> e.getValue() >= 0.05)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .forEach(e -> System.out.println(String.format(Locale.ROOT, "    %-18s %6.2f ms/mail", e.getKey(), e.getValue())));
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double[] run(UnaryOperator<SendguardConf> variant, int mails, int connections) throws Exception {
        Path work = Files.createTempDirectory("sendguard-bench");
        try (SmtpSink sink = SmtpSink.start()) {
            SendguardConf conf = variant.apply(SendguardConf.copyOfShipped(work.resolve("conf"), sink.port()));
            try (JamesProcess james = JamesProcess.in(work, conf).start()) {
                new WebAdmin(conf.webAdminPort).createUser(ALICE, PASSWORD);
                int warmup = WARMUP > 0 ? WARMUP : Math.max(50, mails / 2);
                send(conf.submissionPort, warmup, connections, "warmup");
                awaitCount(sink, warmup);
                sink.clear();
                double cpuBefore = cpuSeconds(james.pid());
                Map<String, Double> threadsBefore = THREAD_CPU ? threadCpuSeconds(james.pid()) : Map.of();
                long start = System.nanoTime();
                send(conf.submissionPort, mails, connections, "bench");
                double acceptedSeconds = (System.nanoTime() - start) / 1e9;
                awaitCount(sink, mails);
                double deliveredSeconds = (System.nanoTime() - start) / 1e9;
                double cpuMsPerMail = (cpuSeconds(james.pid()) - cpuBefore) * 1000 / mails;
                if (THREAD_CPU) {
                    printThreadCpu(threadsBefore, threadCpuSeconds(james.pid()), mails);
                }
                return new double[] {mails / acceptedSeconds, mails / deliveredSeconds, cpuMsPerMail};
            }
        }
    }

    private static void awaitCount(SmtpSink sink, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
            .until(() -> sink.received().size() >= count);
    }

    private static void send(int port, int mails, int connections, String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            final int connection = c;
            futures.add(pool.submit(() -> {
                Properties props = new Properties();
                props.put("mail.smtp.auth", "true");
                props.put("mail.smtp.from", ALICE);
                Session session = Session.getInstance(props);
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect("127.0.0.1", port, ALICE, PASSWORD);
                    for (int i = connection; i < mails; i += connections) {
                        MimeMessage message = new MimeMessage(session);
                        message.setFrom(new InternetAddress(ALICE));
                        message.setRecipients(Message.RecipientType.TO, BOB);
                        message.setSubject(tag + " " + i);
                        message.setText("Hello Bob,\n\nplease find the figures for week " + i + " below.\n\nRegards,\nAlice\n");
                        message.saveChanges();
                        transport.sendMessage(message, message.getAllRecipients());
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
    }

    /**
     * No Sendguard at all: authenticated mail goes straight to RemoteDelivery; no extension loaded, and
     * Sendguard's SMTP handler (EncodeRawHeaders) taken out of both SMTP servers' handler chains.
     */
    static SendguardConf stock(SendguardConf conf) {
        return conf
            .replace("smtpserver.xml", "            <handler class=\"io.sendguard.smtp.EncodeRawHeaders\"/>\n", "")
            .replace("mailetcontainer.xml", "<processor>sendguard-outbound</processor>", "<processor>relay</processor>")
            .replace("mailetcontainer.xml", conf.read("mailetcontainer.xml").substring(
                conf.read("mailetcontainer.xml").indexOf("            <!-- DKIM: sign"),
                conf.read("mailetcontainer.xml").indexOf("            <!-- THE SMART HOST: every outgoing")), "")
            .replace("mailetcontainer.xml", conf.read("mailetcontainer.xml").substring(
                conf.read("mailetcontainer.xml").indexOf("        <!-- Sendguard: mail from authenticated"),
                conf.read("mailetcontainer.xml").indexOf("        <processor state=\"relay\"")), "")
            // the error processor's first mailet puts a failed release back on hold: Sendguard's, so not in stock James
            .replace("mailetcontainer.xml", "            <!-- a released held mail that failed on its way out goes back on hold with the reason -->\n"
                + "            <mailet match=\"All\" class=\"io.sendguard.mailets.ReturnToHold\"/>\n", "")
            .write("extensions.properties", "")
            .replace("webadmin.properties", conf.read("webadmin.properties").substring(
                conf.read("webadmin.properties").indexOf("extensions.routes=")), "");
    }

    /** James's own DKIMSign with the demo RSA-2048 key, in the relay processor. */
    static SendguardConf jamesDkimSign(SendguardConf conf) {
        try {
            String pem = Files.readString(SendguardConf.shipped().resolve("dkim").resolve("example.com.s2026.rsa.pem"));
            String mailet = "            <mailet match=\"All\" class=\"org.apache.james.jdkim.mailets.DKIMSign\">\n"
                + "                <signatureTemplate>v=1; s=s2026; d=example.com; h=from:to:subject:date:message-id; a=rsa-sha256; bh=; b=;</signatureTemplate>\n"
                + "                <privateKey>\n" + pem + "                </privateKey>\n"
                + "            </mailet>\n";
            return conf.replace("mailetcontainer.xml", "            <!-- THE SMART HOST: every outgoing", mailet
                + "            <!-- THE SMART HOST: every outgoing");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sendguard's DkimSign alone (the demo key table), in stock James's relay processor: no Guice module, no audit. */
    static SendguardConf sendguardDkimSign(SendguardConf conf) {
        String mailet = "            <mailet match=\"All\" class=\"io.sendguard.mailets.DkimSign\">\n"
            + "                <keyTable>file://conf/dkim/keytable</keyTable>\n"
            + "            </mailet>\n";
        return conf.replace("mailetcontainer.xml", "            <!-- THE SMART HOST: every outgoing", mailet
            + "            <!-- THE SMART HOST: every outgoing");
    }

    /** The signing mailet with its optional second Ed25519 signature ({@code <ed25519Recheck>true</ed25519Recheck>}). */
    static SendguardConf withEd25519Recheck(SendguardConf conf) {
        return conf.replace("mailetcontainer.xml", "                <keyTable>file://conf/dkim/keytable</keyTable>\n            </mailet>",
            "                <keyTable>file://conf/dkim/keytable</keyTable>\n                <ed25519Recheck>true</ed25519Recheck>\n            </mailet>");
    }

    /**
     * Sendguard's inspection and signing, without the hold: mail goes from inspection to relay. The sending
     * history still learns from each mail sent (RecordSent, which the shipped conf runs on release), as in
     * real use: only a sender's first mail to a domain pays for the look-alike search in the history.
     */
    static SendguardConf noHold(SendguardConf conf) {
        String xml = conf.read("mailetcontainer.xml");
        String from = "            <!-- Supervisor approval";
        String to = "            <!-- Only mail Hold did not take";
        return conf.replace("mailetcontainer.xml", xml.substring(xml.indexOf(from), xml.indexOf(to)),
            "            <mailet match=\"All\" class=\"io.sendguard.mailets.recipients.RecordSent\"/>\n");
    }

    /** Without any DKIM signing (the relay processor's signing mailet removed): the inspection's own cost. */
    static SendguardConf unsigned(SendguardConf conf) {
        String xml = conf.read("mailetcontainer.xml");
        return conf.replace("mailetcontainer.xml", xml.substring(xml.indexOf("            <!-- DKIM: sign"),
            xml.indexOf("            <!-- THE SMART HOST: every outgoing")), "");
    }

    /** Deactivates one selector of the demo key table. */
    static SendguardConf onlyKey(SendguardConf conf, String inactiveSelector) {
        Path table = conf.dir().resolve("dkim").resolve("keytable");
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(table)) {
                lines.add(line.contains(" " + inactiveSelector + " ") ? line.replace("active", "inactive") : line);
            }
            Files.write(table, lines);
            return conf;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
