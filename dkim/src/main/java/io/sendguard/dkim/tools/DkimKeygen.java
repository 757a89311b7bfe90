package io.sendguard.dkim.tools;

import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.DkimConfigurationException;
import io.sendguard.dkim.keys.DkimKeyGenerator;
import io.sendguard.dkim.keys.GeneratedKey;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command line key generator:
 * {@code DkimKeygen --domain D --selector S --algorithm rsa|ed25519 [--bits 2048] --out DIR}.
 * Writes the private key into DIR and prints the key table line and the DNS TXT record.
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
public final class DkimKeygen {
    private static final Set<String> OPTIONS = Set.of("--domain", "--selector", "--algorithm", "--bits", "--out");
    private static final String USAGE =
            "usage: DkimKeygen --domain D --selector S --algorithm rsa|ed25519 [--bits 2048] --out DIR";

    private DkimKeygen() {
    }

    /** @param args see class documentation */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the tool without exiting the JVM.
     *
     * @param args command line
     * @param out  receives the key table line and DNS record
     * @param err  receives errors
     * @return exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!OPTIONS.contains(name) || i + 1 >= args.length || opts.containsKey(name)) {
                err.println(USAGE);
                return 2;
            }
            opts.put(name, args[++i]);
        }
        Optional<DkimAlgorithm> algorithm = DkimAlgorithm.parse(opts.get("--algorithm"));
        if (!opts.containsKey("--domain") || !opts.containsKey("--selector") || !opts.containsKey("--out")
                || !opts.containsKey("--algorithm")) {
            err.println(USAGE);
            return 2;
        }
        if (algorithm.isEmpty()) {
            err.println("error: invalid algorithm '" + opts.get("--algorithm") + "': expected rsa or ed25519");
            err.println(USAGE);
            return 2;
        }
        int bits = DkimKeyGenerator.DEFAULT_RSA_BITS;
        if (opts.containsKey("--bits")) {
            try {
                bits = Integer.parseInt(opts.get("--bits"));
            } catch (NumberFormatException e) {
                err.println("--bits must be a number");
                return 2;
            }
        }
        Path outDir = Paths.get(opts.get("--out"));
        try {
            GeneratedKey key = new DkimKeyGenerator().generate(opts.get("--domain"), opts.get("--selector"),
                    algorithm.get(), bits, outDir);
            out.println("# key file: " + key.keyFile());
            out.println("# key table line (key file relative to " + outDir + "):");
            out.println(key.keyTableLine());
            out.println("# DNS record:");
            out.println(key.dnsRecord().toZoneFileLine());
            return 0;
        } catch (DkimConfigurationException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: cannot write key file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return 1;
        }
    }
}
