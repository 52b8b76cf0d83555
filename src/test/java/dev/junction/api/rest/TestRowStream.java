package dev.junction.api.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestRowStream {
    @Test
    void csvFieldsAreQuotedOnlyWhenTheyHoldSeparatorsQuotesOrLineBreaks() {
        assertThat(RowStream.csvField("plain text")).isEqualTo("plain text");
        assertThat(RowStream.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(RowStream.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(RowStream.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(RowStream.csvField("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(RowStream.csvField("")).isEqualTo("");
    }
}
