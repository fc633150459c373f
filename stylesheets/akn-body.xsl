<?xml version="1.0" encoding="UTF-8"?>
<!--
  @brief Akoma Ntoso text → HTML: hierarchy, blocks, inline markup and the
  table of contents. Included by akn.xsl, after akn-anchors.xsl.

  Modes: "block" renders elements between paragraphs; "inline" inside a
  paragraph, heading or note, where nothing block-level may be written (a
  browser would close the <p>); "toc" the table of contents. A paragraph
  holding block content (a quoted structure in an amendment, a table in a
  note…) is written <div class="p"> so that the HTML stays valid. Every
  unit is written with a wrapper carrying its anchor, in whatever mode it is
  met; nothing else gets an id but headings' containers (akn-container-id).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Element classes, by local name (" name name … "). -->
  <!-- Hierarchy levels that get an h2…h6 heading when they have a num. -->
  <xsl:variable name="BIG"
                select="' book tome part subpart title subtitle chapter subchapter division subdivision article section rule regulation hcontainer tblock '"/>
  <!-- Never written inside an HTML <p> or <span>. -->
  <xsl:variable name="BLOCKY"
                select="concat(' quotedStructure embeddedStructure table blockList blockContainer ul ol list point subFlow preamble ', $P, $B, $BIG, $BODY)"/>
  <!-- Wrappers with nothing of their own to show. -->
  <xsl:variable name="TRANSPARENT"
                select="' content components component collectionBody attachments attachment interstitial '"/>
  <!-- Inline elements: met between blocks, each is a paragraph of its own. -->
  <xsl:variable name="INLINE"
                select="' ref mref rref a i b u sup sub span inline del ins noteRef authorialNote date time term def abbr docType docNumber docDate docTitle docStage docPurpose docProponent docStatus docCommittee docIntroducer docJurisdiction docketNumber docAuthority person organization location concept object event process role quantity entity shortTitle fillIn placeholder omissis mod mmod quotedText img '"/>
  <!-- Kept as the HTML element of the same name. -->
  <xsl:variable name="HTML-INLINE" select="' i b u sup sub del ins '"/>

  <xsl:variable name="d0-id" select="generate-id($d0)"/>

  <!-- ===== Block mode ===== -->

  <xsl:template match="*" mode="block">
    <xsl:variable name="local" select="local-name()"/>
    <xsl:variable name="anchor"><xsl:call-template name="akn-unit-anchor"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$local = 'meta'"/>
      <xsl:when test="contains($D, concat(' ', $local, ' '))">
        <xsl:call-template name="document"/>
      </xsl:when>
      <xsl:when test="$anchor != '' or *[local-name() = 'num' or local-name() = 'heading' or local-name() = 'subheading']
                      or contains($BIG, concat(' ', $local, ' '))">
        <xsl:call-template name="hierarchy"><xsl:with-param name="anchor" select="$anchor"/></xsl:call-template>
      </xsl:when>
      <!-- Nothing to read (documentRef, componentRef, empty containers). -->
      <xsl:when test="normalize-space(.) = ''"/>
      <xsl:when test="contains($TRANSPARENT, concat(' ', $local, ' '))">
        <xsl:apply-templates select="*|text()[normalize-space()]" mode="block"/>
      </xsl:when>
      <xsl:when test="contains($INLINE, concat(' ', $local, ' '))">
        <xsl:call-template name="paragraph">
          <xsl:with-param name="class" select="concat('akn-', $local)"/>
          <xsl:with-param name="nodes" select="."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="text()[normalize-space()]">
        <xsl:call-template name="paragraph"><xsl:with-param name="class" select="concat('akn-', $local)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <div class="akn-{$local}">
          <xsl:apply-templates select="*|text()[normalize-space()]" mode="block"/>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="block">
    <xsl:call-template name="squeeze"/>
  </xsl:template>

  <xsl:template match="*[local-name() = 'p']" mode="block">
    <xsl:call-template name="paragraph"/>
  </xsl:template>

  <!-- A paragraph: `nodes` rendered inline in a <p>, or in a <div class="p">
       when they hold block content. -->
  <xsl:template name="paragraph">
    <xsl:param name="class"/>
    <xsl:param name="nodes" select="node()"/>
    <xsl:choose>
      <xsl:when test="$nodes/descendant-or-self::*[contains($BLOCKY, concat(' ', local-name(), ' '))]">
        <div class="{normalize-space(concat('p ', $class))}">
          <xsl:apply-templates select="$nodes" mode="inline"/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:if test="$class != ''"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
          <xsl:apply-templates select="$nodes" mode="inline"/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The main document shows its content (its title is the page's); a
       nested one (component, attachment) is a section under its own title.
       A preface that only repeats the title is left out. -->
  <xsl:template name="document">
    <xsl:variable name="title"><xsl:call-template name="doc-title"><xsl:with-param name="doc" select="."/></xsl:call-template></xsl:variable>
    <xsl:variable name="content"
                  select="*[local-name() != 'meta']
                           [not(local-name() = 'preface' and normalize-space(.) = normalize-space($title))]"/>
    <xsl:choose>
      <xsl:when test="generate-id() = $d0-id">
        <xsl:apply-templates select="$content" mode="block"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="id"><xsl:call-template name="akn-container-id"/></xsl:variable>
        <section class="akn-doc">
          <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
          <xsl:element name="{concat('h', $heading-level)}">
            <xsl:value-of select="$title"/>
          </xsl:element>
          <xsl:apply-templates select="$content" mode="block"/>
        </section>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
