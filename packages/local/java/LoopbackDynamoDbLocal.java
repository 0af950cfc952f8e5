import java.lang.reflect.Field;

/**
 * Runs Amazon's DynamoDB Local as its own main class does, with the same arguments, but listening
 * on 127.0.0.1 only: the jar's Jetty server is made from a port alone, and no option of the jar
 * chooses an address. Compiled into the copy of the jar the runtime starts
 * (PrepareDynamoDbLocalJar.java); it reaches the jar's classes by reflection, so it compiles
 * without them. Telemetry is never set up.
 * Should a release of the jar no longer have what it reaches for, the jar's own main runs instead.
 */
public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    Class<?> runner = Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner");
    Object proxy;
    try {
      proxy = runner.getMethod("createServerFromCommandLineArgs", String[].class).invoke(null, (Object) args);
      Field serverField = proxy.getClass().getDeclaredField("server");
      serverField.setAccessible(true);
      Object server = serverField.get(proxy);
      for (Object connector : (Object[]) server.getClass().getMethod("getConnectors").invoke(server)) {
        connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
      }
    } catch (ReflectiveOperationException | ClassCastException changed) {
      System.err.println("DynamoDB Local listens on all of this machine's addresses: this release of the jar"
          + " cannot be kept to 127.0.0.1 (" + changed + ")");
      runner.getMethod("main", String[].class).invoke(null, (Object) args);
      return;
    }
    proxy.getClass().getMethod("start").invoke(proxy);
  }
}
