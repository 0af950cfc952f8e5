import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Writes the jar the runtime starts DynamoDB Local from: Amazon's jar with LoopbackDynamoDbLocal
 * compiled into it, and without its manifest's Class-Path. That Class-Path names the jar's own
 * folder ("."), and a folder with files in it on the class path keeps the JVM from archiving the
 * classes it loads (class data sharing), which saves DynamoDB Local most of its start; the runtime
 * lists the libraries on the class path itself. Run in Java's source-file mode:
 *   java PrepareDynamoDbLocalJar.java AMAZON_JAR LAUNCHER_SOURCE OUT_JAR
 */
public class PrepareDynamoDbLocalJar {
  public static void main(String[] args) throws IOException {
    Path amazonJar = Path.of(args[0]);
    Path launcherSource = Path.of(args[1]);
    Path outJar = Path.of(args[2]);
    Path classes = Files.createTempDirectory(outJar.getParent(), "classes");
    // Class files of Java 17, the jar's own minimum: a newer JDK's would not load in an older one.
    String[] javac = {"--release", "17", "-d", classes.toString(), launcherSource.toString()};
    if (ToolProvider.getSystemJavaCompiler().run(null, null, null, javac) != 0) {
      System.exit(1);
    }
    try (JarFile amazon = new JarFile(amazonJar.toFile());
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(outJar), withoutClassPath(amazon.getManifest()))) {
      for (Enumeration<JarEntry> entries = amazon.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) continue;
        try (InputStream in = amazon.getInputStream(entry)) {
          copy(new JarEntry(entry.getName()), in, out);
        }
      }
      List<Path> compiled;
      try (Stream<Path> files = Files.walk(classes)) {
        compiled = files.filter(Files::isRegularFile).toList();
      }
      for (Path file : compiled) {
        try (InputStream in = Files.newInputStream(file)) {
          copy(new JarEntry(classes.relativize(file).toString().replace('\\', '/')), in, out);
        }
      }
    }
    try (Stream<Path> left = Files.walk(classes)) {
      for (Path path : left.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.delete(path);
    }
  }

  private static Manifest withoutClassPath(Manifest manifest) {
    Manifest copy = new Manifest(manifest);
    copy.getMainAttributes().remove(Attributes.Name.CLASS_PATH);
    return copy;
  }

  private static void copy(JarEntry entry, InputStream in, JarOutputStream out) throws IOException {
    out.putNextEntry(entry);
    in.transferTo(out);
    out.closeEntry();
  }
}
