package dev.agentmail.attachmenttext;

import java.util.Map;
import java.util.ServiceLoader;

/**
 * Tika's and POI's parsers ask JAXP for a new XML factory for every document. With no system property set, JAXP
 * looks for a provider in every jar of the class path (over 400 here) before it falls back to the JDK's own, and
 * that lookup was the largest cost of reading an Office file. Where the class path provides none, naming the JDK's
 * implementation gives the same factory without the search.
 */
final class JdkXmlFactories {
    private static final Map<Class<?>, String> DEFAULTS = Map.of(
        javax.xml.parsers.SAXParserFactory.class, "com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl",
        javax.xml.parsers.DocumentBuilderFactory.class, "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl",
        javax.xml.transform.TransformerFactory.class, "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl",
        javax.xml.stream.XMLInputFactory.class, "com.sun.xml.internal.stream.XMLInputFactoryImpl",
        javax.xml.stream.XMLOutputFactory.class, "com.sun.xml.internal.stream.XMLOutputFactoryImpl",
        javax.xml.stream.XMLEventFactory.class, "com.sun.xml.internal.stream.events.XMLEventFactoryImpl");

    private JdkXmlFactories() {
    }

    /** Names the JDK's factory for each XML API that neither a system property nor a jar on the class path sets. */
    static synchronized void pinWhereUnset() {
        DEFAULTS.forEach((api, implementation) -> {
            if (System.getProperty(api.getName()) == null && ServiceLoader.load(api).findFirst().isEmpty()) {
                System.setProperty(api.getName(), implementation);
            }
        });
    }
}
