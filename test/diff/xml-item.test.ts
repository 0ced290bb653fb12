import { describe, expect, it } from 'vitest';
import { nodeFields, parseWithLibrary } from '../../src/diff/read-google-xml.js';
import { parseXmlItem } from '../../src/diff/xml-item.js';

const ITEMS = [
  '<item><g:id>1</g:id><g:title>Plain</g:title></item>',
  '<item>\n  <g:id> 2 </g:id>\n  <title>A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233; &#x41;</title>\n</item>',
  '<item><g:id>3</g:id><g:description><![CDATA[<p>Tom & "Jerry"</p>]]></g:description><!-- note --><g:brand/></item>',
  '<item><g:id>4</g:id><g:shipping><g:country>US</g:country><g:postal_code>94*</g:postal_code><g:price>1 USD</g:price><g:max_transit_time>3</g:max_transit_time></g:shipping><g:shipping><g:country>CA</g:country><g:price>2 CAD</g:price></g:shipping></item>',
  '<item><g:id>5</g:id><g:additional_image_link>https://a/1,2.jpg</g:additional_image_link><g:additional_image_link>https://a/3.jpg</g:additional_image_link><g:color>red</g:color><g:color>blue</g:color></item>',
  '<item><g:id>6</g:id><g:product_detail><g:section_name>General</g:section_name><g:attribute_name>Material</g:attribute_name><g:attribute_value>Linen: 100%</g:attribute_value></g:product_detail></item>',
];

describe('the fast item parser', () => {
  it.each(ITEMS)('reads %s as fast-xml-parser does', (xml) => {
    const node = parseXmlItem(xml);
    expect(node).toBeDefined();
    expect(nodeFields(node!)).toEqual(parseWithLibrary('x.xml', [xml])[0]);
  });

  it('gives up on what it does not expect, for the library to handle', () => {
    expect(parseXmlItem('<item><g:id>1</g:title></item>')).toBeUndefined();
    expect(parseXmlItem('<item><g:id>1</g:id>')).toBeUndefined();
    expect(parseXmlItem('<item><g:id>1&nbsp;</g:id></item>')).toBeUndefined();
  });
});
