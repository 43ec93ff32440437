package dev.agentmail.attachmenttext;

import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.transform.TransformerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class JdkXmlFactoriesTest {
    @Test
    void theFactoriesNamedAreTheJdksOwnDefaults() {
        JdkXmlFactories.pinWhereUnset();

        assertThat(System.getProperty(SAXParserFactory.class.getName())).isNotNull();
        assertThat(SAXParserFactory.newInstance()).isExactlyInstanceOf(SAXParserFactory.newDefaultInstance().getClass());
        assertThat(DocumentBuilderFactory.newInstance()).isExactlyInstanceOf(DocumentBuilderFactory.newDefaultInstance().getClass());
        assertThat(TransformerFactory.newInstance()).isExactlyInstanceOf(TransformerFactory.newDefaultInstance().getClass());
        assertThat(XMLInputFactory.newInstance()).isExactlyInstanceOf(XMLInputFactory.newDefaultFactory().getClass());
        assertThat(XMLOutputFactory.newInstance()).isExactlyInstanceOf(XMLOutputFactory.newDefaultFactory().getClass());
        assertThat(XMLEventFactory.newInstance()).isExactlyInstanceOf(XMLEventFactory.newDefaultFactory().getClass());
    }
}
